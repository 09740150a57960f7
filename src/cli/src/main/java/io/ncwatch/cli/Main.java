package io.ncwatch.cli;

import io.ncwatch.job.CommandLineStyle;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/ncwatch <command> [options]}: dispatches to one command. Exit codes: 0 ran, 2 usage. */
@Command(name = "ncwatch", synopsisHeading = "usage: ", customSynopsis = "ncwatch <command> [options]",
        commandListHeading = "%ncommands (ncwatch <command> --help for each):%n")
public final class Main implements Callable<Integer> {

    @Mixin
    CommandLineStyle.Help help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Every command of {@code bin/ncwatch}, in the one style. */
    static CommandLine commandLine() {
        CommandLine ncwatch = new CommandLine(new Main())
                .addSubcommand(new GenerateCommand())
                .addSubcommand(new HuntCommand())
                .addSubcommand(new ProduceCommand())
                .addSubcommand("run", RunCommand.spec())
                .addSubcommand(new SubmitCommand())
                .addSubcommand("stack", ShellCommand.spec("stack", "up|down|status: local Kafka, Elasticsearch and Flink"))
                .addSubcommand("bench", ShellCommand.spec("bench", "[--quick] [--rules DIR]: the benchmark suite -> docs/benchmarks.md"));
        return CommandLineStyle.apply(ncwatch);
    }

    /** Runs one command on its own, with its output and errors on the given streams. */
    public static int execute(Object command, OutputStream out, OutputStream err, String... args) {
        return CommandLineStyle.apply(new CommandLine(command))
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
                .execute(args);
    }

    /** {@code ncwatch} alone lists the commands. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
