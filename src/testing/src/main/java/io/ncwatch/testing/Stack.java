package io.ncwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code bin/stack}, the same code as {@code bin/ncwatch stack}, for the integration tests: a
 * service starts on free ports with fresh data in a stack folder of its own under {@code target/it-stack},
 * and stops when the JVM exits. What Maven fetched is shared by all of them. Free ports keep test runs
 * of several checkouts on one machine apart.
 */
final class Stack {

    private static final Path SCRIPT = Path.of("bin", "stack").toAbsolutePath();
    private static final Path ROOT = Path.of("target", "it-stack").toAbsolutePath();

    private final Path dir;
    private final boolean secure;
    private final Map<String, String> environment;

    /** The stack folder {@code target/it-stack/NAME}. */
    Stack(String name) {
        this(name, false, Map.of());
    }

    /**
     * @param secure whether services start with TLS and authentication ({@code bin/stack up --secure})
     * @param environment further variables for bin/stack, such as {@code ES_VERSION}
     */
    Stack(String name, boolean secure, Map<String, String> environment) {
        this.dir = ROOT.resolve(name);
        this.secure = secure;
        this.environment = Map.copyOf(environment);
    }

    /** The folder of SERVICE's data, logs and credentials. */
    Path folder(String service) {
        return dir.resolve(service);
    }

    /** Starts SERVICE with fresh data, its ports set by the given variables; stops it at JVM exit. */
    void start(String service, Map<String, Integer> ports) {
        run("reset", service, ports);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run("down", service, ports)));
        run("up", service, ports);
    }

    /** Starts SERVICE again on the same ports with the data it had; returns when it answers. */
    void up(String service, Map<String, Integer> ports) {
        run("up", service, ports);
    }

    /** Stops SERVICE gracefully (SIGTERM, then SIGKILL after the grace period); its data stays. */
    void down(String service, Map<String, Integer> ports) {
        run("down", service, ports);
    }

    /** Stops SERVICE and deletes its data. */
    void remove(String service, Map<String, Integer> ports) {
        run("reset", service, ports);
    }

    /** Starts a TaskManager for the running Flink cluster in place of one that died. */
    void replaceTaskManager(Map<String, Integer> ports) {
        run("taskmanager", null, ports);
    }

    /** The process (and process group) that bin/stack started and recorded in {@code SERVICE/NAME.pid}. */
    ProcessHandle process(String service, String name) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(service).resolve(name + ".pid")).strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " " + name + " is not running"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /**
     * Runs FUNCTION of {@code bin/lib/stack-SERVICE.sh} with ARGUMENTS for the service started with these
     * variables, as {@code bin/stack} would: for what only a running service can do, such as granting ACLs.
     */
    void call(String service, Map<String, Integer> ports, String function, String... arguments) {
        Path root = SCRIPT.getParent().getParent();
        List<String> command = new ArrayList<>(List.of("bash", "-c", "set -euo pipefail; root=$1; shift;"
                + " source \"$root/bin/lib/stack-common.sh\"; source \"$root/bin/lib/stack-$1.sh\"; shift; \"$@\"",
                "stack", root.toString(), service, function));
        command.addAll(List.of(arguments));
        execute(command, ports, function + " " + String.join(" ", arguments));
    }

    private void run(String command, String service, Map<String, Integer> ports) {
        List<String> arguments = new ArrayList<>(List.of(SCRIPT.toString(), command));
        if (secure && command.equals("up")) {
            arguments.add("--secure");
        }
        if (service != null) {
            arguments.add(service);
        }
        execute(arguments, ports, "bin/stack " + String.join(" ", arguments.subList(1, arguments.size())));
    }

    private void execute(List<String> arguments, Map<String, Integer> ports, String description) {
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("NCWATCH_STACK_DIR", dir.toString());
        builder.environment().put("NCWATCH_STACK_DIST", ROOT.resolve("dist").toString());
        ports.forEach((variable, port) -> builder.environment().put(variable, port.toString()));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.err.print(output);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(description + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + description, e);
        }
    }
}
