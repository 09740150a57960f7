package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.generate.ExpectedSequence.Behaviour;
import io.ncwatch.record.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthFileTest {
    @TempDir
    Path dir;

    @Test
    void writesOneAlertALineAndReadsItBack() throws Exception {
        List<ExpectedAlert> alerts = List.of(
                new ExpectedAlert(ExpectedAlert.SEED_RULE_ID, Stage.RULE, "c1", "e1", "e1", 4444, null),
                new ExpectedAlert(ExpectedAlert.SEED_RULE_ID, Stage.CONNECTION, "c1", "e2", "e1", 4444,
                        new ExpectedAlert.Peer("203.0.113.45", 51544)),
                new ExpectedAlert(ExpectedAlert.SEED_RULE_ID, Stage.SHELL, "c1", "e3", "e1", null, null));
        Path file = dir.resolve("truth.jsonl");

        TruthFile.write(alerts, List.of(), file);

        assertThat(Files.readAllLines(file)).hasSize(3).first().isEqualTo(
                "{\"rule_id\":\"a52a9439-d52c-401c-be37-2785235c6547\",\"stage\":\"rule\",\"container_id\":\"c1\","
                        + "\"source_event_id\":\"e1\",\"listener_event_id\":\"e1\",\"port\":4444,\"peer\":null}");
        assertThat(Files.readAllLines(file).get(1))
                .contains("\"stage\":\"connection\"", "\"peer\":{\"ip\":\"203.0.113.45\",\"port\":51544}");
        assertThat(TruthFile.read(file)).isEqualTo(alerts);
    }

    @Test
    void writesSequencesAfterTheAlertsAndReadsEachKindApart() throws Exception {
        List<ExpectedAlert> alerts = List.of(
                new ExpectedAlert(ExpectedAlert.SEED_RULE_ID, Stage.RULE, "c1", "e1", "e1", 4444, null));
        List<ExpectedSequence> sequences = List.of(
                new ExpectedSequence(Behaviour.INGRESS_TRANSFER, "c2", List.of("c2", "0", "kinsing"),
                        List.of("e5", "e6", "e7")),
                new ExpectedSequence(Behaviour.TOKEN_API, "c3", List.of("api-7d9f8c6b5-x2kqp"), List.of("e8", "e9")));
        Path file = dir.resolve("truth.jsonl");

        TruthFile.write(alerts, sequences, file);

        assertThat(Files.readAllLines(file)).hasSize(3).element(1).isEqualTo(
                "{\"sequence\":\"ingress-transfer\",\"container_id\":\"c2\",\"join_keys\":[\"c2\",\"0\",\"kinsing\"],"
                        + "\"event_ids\":[\"e5\",\"e6\",\"e7\"]}");
        assertThat(TruthFile.read(file)).isEqualTo(alerts);
        assertThat(TruthFile.readSequences(file)).isEqualTo(sequences);
    }
}
