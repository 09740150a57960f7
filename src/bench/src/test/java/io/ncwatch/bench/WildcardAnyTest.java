package io.ncwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardAnyTest {
    private final WildcardAny wildcard = new WildcardAny();

    WildcardAnyTest() {
        wildcard.open(null);
    }

    @Test
    void matchesAValueOrAnyElementCaseInsensitivelyWithStarAndQuestionMark() {
        assertThat(wildcard.eval("NCAT", "nc", "ncat")).isTrue();
        assertThat(wildcard.eval("-lvnp", "-*l*")).isTrue();
        assertThat(wildcard.eval("-vnp", "-*l*")).isFalse();
        assertThat(wildcard.eval("a.c", "a?c")).isTrue();
        assertThat(wildcard.eval("abc", "a.c")).as("a dot is a literal").isFalse();
        assertThat(wildcard.eval(new String[] {"busybox", "nc"}, "nc")).isTrue();
        assertThat(wildcard.eval((String) null, "*")).isFalse();
        assertThat(wildcard.eval(new String[] {null}, "*")).isFalse();
    }
}
