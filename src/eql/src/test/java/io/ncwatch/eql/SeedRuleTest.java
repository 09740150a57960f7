package io.ncwatch.eql;

import static io.ncwatch.eql.MapEvent.event;
import static io.ncwatch.eql.MapEvent.matches;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.runtime.CompiledQuery;
import io.ncwatch.eql.runtime.Needle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Netcat Listener Established Inside A Container" over process events written for it. */
class SeedRuleTest {

    private static Map<String, Object> exec(String name, String... args) {
        return event("event.category", List.of("process"), "event.type", List.of("start"), "event.action", "exec",
                "container.id", "3f2a9c1e", "process.name", name, "process.args", List.of(args));
    }

    private static boolean seed(Map<String, Object> event) {
        return matches(SeedQuery.TEXT, event);
    }

    @Test
    void listenersMatch() {
        assertThat(seed(exec("nc", "nc", "-lvnp", "4444"))).isTrue();
        assertThat(seed(exec("ncat", "ncat", "--listen", "4444"))).isTrue();
        assertThat(seed(exec("nc", "nc", "-l", "-p", "4444", "-e", "/bin/sh"))).isTrue();
        assertThat(seed(exec("NCAT", "NCAT", "-l", "4444"))).isTrue(); // ":" folds case
    }

    @Test
    void busyboxAndWrappersMatchOnTheNameInTheArguments() {
        assertThat(seed(exec("busybox", "busybox", "nc", "-lp", "4444"))).isTrue();
        assertThat(seed(exec("timeout", "timeout", "600", "netcat.traditional", "-l", "-p", "9001"))).isTrue();
    }

    @Test
    void forkMatchesLikeExec() {
        Map<String, Object> fork = exec("nc", "nc", "-lvnp", "4444");
        fork.put("event.action", "fork");
        assertThat(seed(fork)).isTrue();
    }

    @Test
    void clientsAndHealthChecksDoNotMatch() {
        assertThat(seed(exec("nc", "nc", "-z", "db", "5432"))).isFalse();
        assertThat(seed(exec("nc", "nc", "db", "5432"))).isFalse();
        assertThat(seed(exec("bash", "bash", "-c", "echo -lp"))).isFalse();
    }

    @Test
    void otherEventsOfAListenerDoNotMatch() {
        Map<String, Object> end = exec("nc", "nc", "-lvnp", "4444");
        end.put("event.type", List.of("end"));
        assertThat(seed(end)).isFalse();

        Map<String, Object> onHost = exec("nc", "nc", "-lvnp", "4444");
        onHost.remove("container.id");
        assertThat(seed(onHost)).isFalse();

        Map<String, Object> actionEnd = exec("nc", "nc", "-lvnp", "4444");
        actionEnd.put("event.action", "end");
        assertThat(seed(actionEnd)).isFalse();

        Map<String, Object> network = exec("nc", "nc", "-lvnp", "4444");
        network.put("event.category", List.of("network"));
        assertThat(seed(network)).isFalse();
    }

    @Test
    void requiredTextIsTheFiveNetcatNamesAsWholeValuesWithoutCase() {
        CompiledQuery query = MapEvent.compile(SeedQuery.TEXT, EqlOptions.ELASTICSEARCH, new FieldSlots());
        assertThat(query.requiredText()).containsExactlyInAnyOrder(
                new Needle("nc", true, true, true),
                new Needle("ncat", true, true, true),
                new Needle("netcat", true, true, true),
                new Needle("netcat.openbsd", true, true, true),
                new Needle("netcat.traditional", true, true, true));
    }
}
