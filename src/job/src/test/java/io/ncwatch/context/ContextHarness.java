package io.ncwatch.context;

import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.EventTypes;
import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * A {@link ContainerContext} in a keyed test harness, with a 30 s release grace and a 24 h TTL; the events
 * it settles for a later stage are network events and shell ({@code sh}) starts.
 */
public final class ContextHarness {
    public static final Duration GRACE = Duration.ofSeconds(30);
    public static final Duration TTL = Duration.ofHours(24);
    public static final FilterFunction<ContainerEvent> SHELLS_AND_CONNECTIONS =
            event -> EventTypes.isNetwork(event) || EventTypes.isProcessStart(event) && "sh".equals(event.processName);

    private ContextHarness() {}

    public static KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ContainerEvent> open(int maxProcesses)
            throws Exception {
        var harness = create(maxProcesses, new HashMapStateBackend());
        harness.open();
        return harness;
    }

    /** Set up but not opened: for {@code initializeState} from a snapshot first. */
    public static KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ContainerEvent> create(
            int maxProcesses, StateBackend backend) throws Exception {
        return create(SHELLS_AND_CONNECTIONS, maxProcesses, backend);
    }

    public static KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ContainerEvent> create(
            FilterFunction<ContainerEvent> settled, int maxProcesses, StateBackend backend) throws Exception {
        ContainerContext context = new ContainerContext(settled, new ContextSettings(GRACE, TTL, maxProcesses));
        return KeyedHarness.byContainer(new KeyedProcessOperator<>(context), backend);
    }
}
