package io.ncwatch.correlate;

import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.TestContainerEvents;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A {@link ListenerGate} for {@link TestContainerEvents#RULE} with a 10 min window, in a keyed test harness. */
final class GateHarness {
    static final Duration WINDOW = Duration.ofMinutes(10);

    private GateHarness() {}

    /** Set up but not opened: for {@code initializeState} from a snapshot first. */
    static KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ContainerEvent> create(StateBackend backend)
            throws Exception {
        return KeyedHarness.byContainer(
                new KeyedProcessOperator<>(new ListenerGate(Set.of(TestContainerEvents.RULE), WINDOW)), backend);
    }
}
