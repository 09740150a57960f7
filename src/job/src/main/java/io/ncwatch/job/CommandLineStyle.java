package io.ncwatch.job;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every ncwatch command line (the job's and those of {@code bin/ncwatch}) answers: {@code --help}
 * prints the command's usage on standard output; a mistake prints {@code <command>: <what is wrong>} and
 * the command's usage on standard error, with exit status {@value #USAGE}.
 */
public final class CommandLineStyle {
    public static final int USAGE = 2;

    private CommandLineStyle() {}

    /** The {@code --help} option, mixed into every command. */
    public static final class Help {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    /** Gives {@code commandLine} and the subcommands it has so far this style. */
    public static CommandLine apply(CommandLine commandLine) {
        return commandLine.setUsageHelpWidth(100).setParameterExceptionHandler((e, args) -> report(e));
    }

    /** What is wrong with a command line, in a sentence. */
    public static String message(ParameterException e) {
        // An unknown option first: it is often the cause of the other mistakes, such as a missing required option.
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched()
                : e.getCommandLine().getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String argument = unmatched.get(0);
            return (argument.startsWith("-") ? "unknown option " : "unexpected argument ") + argument;
        }
        if (e instanceof MissingParameterException missing && e.getMessage().startsWith("Missing required parameter for option")
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        return e.getMessage();
    }

    private static int report(ParameterException e) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message(e));
        err.println();
        command.usage(err);
        err.flush();
        return USAGE;
    }
}
