package io.ncwatch.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** {@code bin/ncwatch <command> [options]}: dispatches to one command. Exit codes: 0 ran, 2 usage. */
public final class Main {

    /** One subcommand of {@code bin/ncwatch}. */
    public interface Command {
        /** Runs with the arguments after the command's name; returns the process exit code. */
        int run(String[] args) throws Exception;

        /** One line for the command list. */
        String summary();
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new TreeMap<>();
        commands.put("generate", new GenerateCommand());
        commands.put("hunt", new HuntCommand());
        commands.put("run", new RunCommand());
        commands.put("produce", new ProduceCommand());
        commands.put("submit", new SubmitCommand());
        return commands;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Map<String, Command> commands = commands();
        if (args.length == 0 || !commands.containsKey(args[0])) {
            StringBuilder usage = new StringBuilder("usage: ncwatch <command> [options]\n\ncommands:\n");
            usage.append(String.format("  %-10s %s%n", "stack", "up|down|status: local Kafka, Elasticsearch and Flink"));
            usage.append(String.format("  %-10s %s%n", "bench", "[--quick] [--rules DIR]: the benchmark suite -> docs/benchmarks.md"));
            commands.forEach((name, c) -> usage.append(String.format("  %-10s %s%n", name, c.summary())));
            System.err.print(usage);
            return args.length == 0 || args[0].equals("help") || args[0].equals("--help") ? 0 : 2;
        }
        return commands.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
