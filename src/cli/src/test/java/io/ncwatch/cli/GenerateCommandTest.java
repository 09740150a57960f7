package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.ExpectedSequence;
import io.ncwatch.generate.ExpectedSequence.Behaviour;
import io.ncwatch.generate.TruthFile;
import io.ncwatch.record.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBindShellDemoWritesItsEventsAndItsThreeAlerts() throws Exception {
        Path events = dir.resolve("fleet.jsonl");
        Path truth = dir.resolve("truth.jsonl");

        int status = Main.run(new String[] {"generate", "--scenario", "bind-shell", "--containers", "20",
                "--events", "3000", "--seed", "5", "--out", events.toString(), "--truth", truth.toString()});

        assertThat(status).isZero();
        assertThat(Files.readAllLines(events)).hasSize(3000).allSatisfy(line -> assertThat(line).startsWith("{\"@timestamp\":"));
        List<ExpectedAlert> alerts = TruthFile.read(truth);
        assertThat(alerts).extracting(ExpectedAlert::stage).containsExactly(
                Stage.RULE, Stage.CONNECTION, Stage.SHELL);
    }

    @Test
    void sequenceScenariosWriteTheirSequencesToTheTruth() throws Exception {
        Path truth = dir.resolve("truth.jsonl");

        int status = Main.run(new String[] {"generate", "--scenario", "ingress-transfer,file-exec-slow,token-api",
                "--out", dir.resolve("fleet.jsonl").toString(), "--truth", truth.toString()});

        assertThat(status).isZero();
        assertThat(TruthFile.readSequences(truth)).extracting(ExpectedSequence::behaviour).containsExactlyInAnyOrder(
                Behaviour.INGRESS_TRANSFER, Behaviour.TOKEN_API, Behaviour.INTERACTIVE_API_REQUEST);
    }

    @Test
    void theSameCommandWritesTheSameFile() throws Exception {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");

        Main.run(new String[] {"generate", "--attack-rate", "1/500", "--events", "5000", "--out", first.toString()});
        Main.run(new String[] {"generate", "--attack-rate=0.002", "--events=5000", "--out=" + second});

        assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        assertThat(Main.run(new String[] {"generate", "--scenario", "nope"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"generate", "--events"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"generate", "--rate", "-3"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"generate", "--kafka", "localhost:9092", "--out", "x.jsonl"})).isEqualTo(2);
    }

    @Test
    void durationsTakeUnits() {
        assertThat(GenerateCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GenerateCommand.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(GenerateCommand.parseDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GenerateCommand.parseDuration("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }
}
