package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobOptionsTest {

    @Test
    void theHelpOfTheJobNamesEachOptionsSettingAndDefault() {
        StringWriter out = new StringWriter();
        CommandLine job = CommandLineStyle.apply(new CommandLine(
                JobOptions.command("ncwatch-job", "flink run ncwatch.jar [options]", options -> 1)))
                .setOut(new PrintWriter(out, true));

        int status = job.execute("--help");

        assertThat(status).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .startsWith("usage: flink run ncwatch.jar [options]")
                .contains("--kafka=HOST:PORT")
                .contains("--kafka=HOST:PORT Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]"
                        + " kafka.bootstrap-servers, default: localhost:9092")
                .contains("--checkpoint-interval=DURATION")
                .contains("checkpoints.interval, default: 10s")
                .contains("--set=KEY=VALUE");
    }

    @Test
    void aMistakeIsNamedWithTheUsageOnStandardErrorAndStatusTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine job = CommandLineStyle.apply(new CommandLine(
                JobOptions.command("ncwatch-job", "flink run ncwatch.jar [options]", options -> 0)))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));

        int status = job.execute("--kafak", "x");

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .startsWith("ncwatch-job: unknown option --kafak")
                .contains("usage: flink run ncwatch.jar [options]");
    }
}
