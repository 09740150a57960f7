package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kafka security settings of {@code produce} and {@code generate}: checked before anything connects. */
class KafkaSecurityOptionsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aSettingThatIsNotAKafkaSecurityOneIsAUsageError() {
        assertThat(produce("--set", "kafka.group-id=other")).isEqualTo(ProduceCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("produce: --set takes one of [kafka.security.protocol,"
                + " kafka.sasl.mechanism, kafka.sasl.username, kafka.sasl.password, kafka.tls.truststore,"
                + " kafka.tls.truststore-type], not kafka.group-id");
    }

    @Test
    void aPasswordGivenInlineIsAUsageErrorThatDoesNotRepeatIt() {
        assertThat(produce("--set", "kafka.security.protocol=SASL_SSL", "--set", "kafka.sasl.username=ncwatch",
                "--set", "kafka.sasl.password=Hunter2Inline")).isEqualTo(ProduceCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("produce: kafka.sasl.password: a secret is given as env:VARIABLE or file:PATH, never inline")
                .doesNotContain("Hunter2Inline");
    }

    private int produce(String... security) {
        List<String> args = new ArrayList<>(List.of("--kafka", "localhost:1", "--topic", "t", "--events", "-"));
        args.addAll(List.of(security));
        return Main.execute(new ProduceCommand(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true)), out, err, args.toArray(String[]::new));
    }
}
