package io.ncwatch.generate;

import java.util.List;

/**
 * The seed rule's query, read by hand, for the ground truth: which generated process events it matches.
 * Kept apart from the EQL engine on purpose, so that a test can hold the engine to it.
 *
 * <pre>
 * process where container.id: "*" and event.type == "start" and event.action in ("fork", "exec")
 *   and (process.name : NETCAT or process.args : NETCAT)
 *   and ((process.args : LISTEN and process.args : ("-c", "--sh-exec", "-e", "--exec", "echo", "$*"))
 *        or process.args : LISTEN)
 * NETCAT = ("nc", "ncat", "netcat", "netcat.openbsd", "netcat.traditional")
 * LISTEN = ("-*l*", "--listen", "-*p*", "--source-port")
 * </pre>
 *
 * {@code :} compares without ASCII case and treats {@code *} as any run of characters; a condition on an
 * array holds when any element satisfies it. The last group reduces to {@code process.args : LISTEN}
 * (A and B, or A, is A). Every generated event has a {@code container.id}.
 */
final class ListenerRule {
    private static final List<String> NETCAT = List.of("nc", "ncat", "netcat", "netcat.openbsd", "netcat.traditional");

    private ListenerRule() {}

    static boolean matches(ProcessEvent.Action action, Command command) {
        if (action == ProcessEvent.Action.END) {
            return false;
        }
        boolean netcat = isNetcat(command.name());
        for (String arg : command.args()) {
            netcat |= isNetcat(arg);
        }
        if (!netcat) {
            return false;
        }
        for (String arg : command.args()) {
            if (listenOrPort(arg)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNetcat(String value) {
        for (String name : NETCAT) {
            if (name.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code "-*l*"}, {@code "-*p*"} (which cover {@code --listen} and {@code --source-port}), without case. */
    private static boolean listenOrPort(String arg) {
        if (!arg.startsWith("-")) {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == 'l' || c == 'L' || c == 'p' || c == 'P') {
                return true;
            }
        }
        return false;
    }
}
