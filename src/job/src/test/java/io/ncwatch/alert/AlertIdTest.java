package io.ncwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.record.Stage;
import org.junit.jupiter.api.Test;

class AlertIdTest {

    @Test
    void theIdIsStableAcrossVersions() {
        // Ids already written must be found again by a replay: the first 32 hex digits of
        // SHA-256 of the three parts, each followed by a newline (as `printf '%s\n' ... | sha256sum`).
        assertThat(AlertId.of("a52a9439-d52c-401c-be37-2785235c6547", "event.id:e1", Stage.RULE))
                .isEqualTo("e2dcbef38a5e1c7999d0f81504986a09");
    }

    @Test
    void eachPartMakesADifference() {
        String id = AlertId.of("r", "event.id:e", Stage.RULE);

        assertThat(id).hasSize(32).matches("[0-9a-f]+");
        assertThat(AlertId.of("r", "event.id:e", Stage.RULE)).isEqualTo(id);
        assertThat(AlertId.of("r2", "event.id:e", Stage.RULE)).isNotEqualTo(id);
        assertThat(AlertId.of("r", "event.id:e2", Stage.RULE)).isNotEqualTo(id);
        assertThat(AlertId.of("r", "event.id:e", Stage.SHELL)).isNotEqualTo(id);
        assertThat(AlertId.of("r\nevent.id:e", "", Stage.RULE)).isNotEqualTo(AlertId.of("r", "event.id:e", Stage.RULE));
    }

    @Test
    void theSourceEventIsItsEventIdElseItsRecord() {
        assertThat(AlertId.sourceEventIdentity("abc", "t", 1, 2)).isEqualTo("event.id:abc");
        assertThat(AlertId.sourceEventIdentity(null, "t", 1, 2)).isEqualTo("record:t/1/2");
    }
}
