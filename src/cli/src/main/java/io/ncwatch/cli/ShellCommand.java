package io.ncwatch.cli;

import io.ncwatch.job.CommandLineStyle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that {@code bin/ncwatch} runs itself before Java starts ({@code stack}, {@code bench}): listed
 * with the others, and reported as a usage error when it reaches this program.
 */
final class ShellCommand implements Callable<Integer> {
    private final String name;
    private CommandSpec spec;

    private ShellCommand(String name) {
        this.name = name;
    }

    static CommandSpec spec(String name, String description) {
        ShellCommand command = new ShellCommand(name);
        command.spec = CommandSpec.wrapWithoutInspection(command).name(name);
        command.spec.usageMessage().description(description);
        return command.spec;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("ncwatch " + name + ": run it as bin/ncwatch " + name);
        return CommandLineStyle.USAGE;
    }
}
