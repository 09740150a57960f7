package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void withoutACommandListsEveryCommandIncludingThoseTheScriptRuns() {
        int status = ncwatch();

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("usage: ncwatch <command> [options]");
        assertThat(out.toString().lines().map(String::strip))
                .anySatisfy(line -> assertThat(line).startsWith("generate "))
                .anySatisfy(line -> assertThat(line).startsWith("hunt "))
                .anySatisfy(line -> assertThat(line).startsWith("produce "))
                .anySatisfy(line -> assertThat(line).startsWith("run "))
                .anySatisfy(line -> assertThat(line).startsWith("submit "))
                .anySatisfy(line -> assertThat(line).startsWith("stack "))
                .anySatisfy(line -> assertThat(line).startsWith("bench "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate", "hunt", "produce", "run", "submit"})
    void helpPrintsTheCommandsUsageOnStandardOutput(String command) {
        int status = ncwatch(command, "--help");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("usage: ncwatch " + command).contains("-h, --help");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "generate, --seed, --seed needs a value",
        "hunt, --query, --query needs a value",
        "produce, --kafka, --kafka needs a value",
        "run, --kafka, --kafka needs a value",
        "submit, --flink, --flink needs a value",
        "generate, --bogus, unknown option --bogus",
        "hunt, --bogus, unknown option --bogus",
        "produce, --bogus, unknown option --bogus",
        "run, --bogus, unknown option --bogus",
        "generate, --containers=many, Invalid value for option '--containers'",
        "run, --set=no-equals-sign, '--set needs KEY=VALUE, got no-equals-sign'",
    })
    void aMistakeIsNamedFirstThenTheUsageWithStatusTwo(String command, String argument, String message) {
        int status = ncwatch(command, argument);

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .startsWith("ncwatch " + command + ": " + message)
                .contains("usage: ncwatch " + command);
    }

    @Test
    void anUnknownCommandIsAMistakeToo() {
        int status = ncwatch("hnut");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("ncwatch: unexpected argument hnut").contains("usage: ncwatch <command>");
    }

    private int ncwatch(String... args) {
        CommandLine ncwatch = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return ncwatch.execute(args);
    }
}
