package io.ncwatch.rules;

import static io.ncwatch.rules.TestRules.entry;
import static io.ncwatch.rules.TestRules.excepting;
import static io.ncwatch.rules.TestRules.excluded;
import static io.ncwatch.rules.TestRules.item;
import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.ExceptionEntry.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rule's exception items as Kibana applies them: an alert is dropped when any item's entries all match. */
class RuleExceptionsTest {
    private static final Rule NC = rule("nc", "any where process.name == \"nc\"");

    /** The verdict of the rule, with these exception items, on an event with these fields. */
    private static boolean alerts(List<ExceptionItem> items, Map<String, Object> fields) {
        RuleSet set = RuleSet.compile(List.of(excepting(NC, items.toArray(ExceptionItem[]::new))), EqlOptions.ELASTICSEARCH);
        return set.matching(slot -> fields.get(set.slots().paths().get(slot))).length == 1;
    }

    private static Map<String, Object> nc(String image, Object args) {
        return Map.of("process.name", "nc", "container.image.name", image, "process.args", args);
    }

    @Test
    void aMatchEntryDropsTheAlertOfTheValueOnlyComparedCaseSensitively() {
        List<ExceptionItem> items = List.of(item(entry("container.image.name", Type.MATCH, "ci-runner")));

        assertThat(alerts(items, nc("ci-runner", "nc"))).isFalse();
        assertThat(alerts(items, nc("CI-runner", "nc"))).isTrue();
        assertThat(alerts(items, nc("payments", "nc"))).isTrue();
    }

    @Test
    void entriesOfAnItemAllMustMatchAndAnyItemDrops() {
        ExceptionItem ciProbe = item(entry("container.image.name", Type.MATCH, "ci-runner"),
                entry("process.args", Type.MATCH_ANY, "-z", "--zero"));
        ExceptionItem lab = item(entry("container.image.name", Type.MATCH, "lab"));

        assertThat(alerts(List.of(ciProbe, lab), nc("ci-runner", List.of("nc", "-z", "db", "5432")))).isFalse();
        assertThat(alerts(List.of(ciProbe, lab), nc("ci-runner", List.of("nc", "-l", "4444"))))
                .as("one entry of the item does not match").isTrue();
        assertThat(alerts(List.of(ciProbe, lab), nc("lab", "nc"))).as("the other item matches").isFalse();
    }

    @Test
    void existsAndExcludedEntries() {
        List<ExceptionItem> withoutArgs = List.of(item(excluded("process.args", Type.EXISTS)));
        List<ExceptionItem> notCi = List.of(item(excluded("container.image.name", Type.MATCH, "ci-runner")));

        assertThat(alerts(withoutArgs, Map.of("process.name", "nc"))).as("no process.args: excepted").isFalse();
        assertThat(alerts(withoutArgs, nc("x", "nc"))).isTrue();
        assertThat(alerts(notCi, nc("payments", "nc"))).isFalse();
        assertThat(alerts(notCi, nc("ci-runner", "nc"))).isTrue();
        assertThat(alerts(notCi, Map.of("process.name", "nc"))).as("excluded matches an event without the field").isFalse();
    }

    @Test
    void wildcardEntriesMatchWholeValuesWithBackslashEscapes() {
        List<ExceptionItem> ci = List.of(item(entry("container.image.name", Type.WILDCARD, "registry.local/ci-*:v?")));
        List<ExceptionItem> literalStar = List.of(item(entry("container.image.name", Type.WILDCARD, "a\\*b")));

        assertThat(alerts(ci, nc("registry.local/ci-runner:v2", "nc"))).isFalse();
        assertThat(alerts(ci, nc("registry.local/ci-runner:v22", "nc"))).as("? is one character").isTrue();
        assertThat(alerts(ci, nc("registryXlocal/ci-runner:v2", "nc"))).as(". is a literal dot").isTrue();
        assertThat(alerts(ci, nc("Registry.local/ci-runner:v2", "nc"))).as("case-sensitive").isTrue();
        assertThat(alerts(literalStar, nc("a*b", "nc"))).isFalse();
        assertThat(alerts(literalStar, nc("axxb", "nc"))).isTrue();
    }

    @Test
    void aValueWithQuotesBackslashesAndAFieldNamedLikeAKeywordAreTakenLiterally() {
        List<ExceptionItem> items = List.of(item(entry("labels.sequence", Type.MATCH, "say \"hi\" \\ bye")));

        assertThat(alerts(items, Map.of("process.name", "nc", "labels.sequence", "say \"hi\" \\ bye"))).isFalse();
        assertThat(alerts(items, Map.of("process.name", "nc", "labels.sequence", "say hi"))).isTrue();
    }

    @Test
    void exceptionsThatDoNotCompileNameTheRule() {
        Rule rule = excepting(NC, item(entry("process.pid", Type.MATCH, "not a number")));

        assertThatThrownBy(() -> RuleSet.compile(List.of(rule), EqlOptions.ELASTICSEARCH))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("Rule nc").hasMessageContaining("its exceptions");
    }
}
