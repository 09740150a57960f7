package io.ncwatch.generate;

/** A program and its argument vector, as the kernel sees an exec. */
final class Command {
    private final String executable;
    private final String[] args;
    private final Integer listenPort;
    private final String name;
    private final String commandLine;

    /**
     * @param executable the path executed; {@code process.name} is its last segment
     * @param args the argument vector, argv[0] first
     * @param listenPort the port a listener's arguments give (what a port parser reads from {@code -p 4444},
     *     {@code -lvnp 4444}, {@code --listen 4444}), or null. Only the ground truth reads it.
     */
    Command(String executable, String[] args, Integer listenPort) {
        this.executable = executable;
        this.args = args;
        this.listenPort = listenPort;
        this.name = executable.substring(executable.lastIndexOf('/') + 1);
        this.commandLine = String.join(" ", args);
    }

    static Command of(String executable, String... args) {
        return new Command(executable, args, null);
    }

    static Command listener(int port, String executable, String... args) {
        return new Command(executable, args, port);
    }

    String executable() {
        return executable;
    }

    String[] args() {
        return args;
    }

    Integer listenPort() {
        return listenPort;
    }

    String name() {
        return name;
    }

    String commandLine() {
        return commandLine;
    }
}
