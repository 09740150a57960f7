package io.ncwatch.correlate;

import static io.ncwatch.correlate.GateHarness.WINDOW;
import static io.ncwatch.harness.KeyedHarness.send;
import static io.ncwatch.harness.KeyedHarness.take;
import static io.ncwatch.record.TestContainerEvents.accepted;
import static io.ncwatch.record.TestContainerEvents.exec;
import static io.ncwatch.record.TestContainerEvents.listener;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.record.ContainerEvent;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ListenerGateTest {
    private static final String PAYMENTS = "payments";
    private static final String REPORTS = "reports";
    private static final long T0 = 1_796_000_000_000L;

    @Test
    void candidatesWaitForTheWatermarkAndPassOnlyInAListenersWindow() throws Exception {
        try (var gate = GateHarness.create(new HashMapStateBackend())) {
            gate.open();
            // Out of order: the shell and the connection arrive before the listener they follow.
            ContainerEvent connection = accepted(PAYMENTS, T0 + 5_000, 20, "203.0.113.45", 51544, 4444);
            ContainerEvent shell = exec(PAYMENTS, T0 + 6_000, 21, 20, "/bin/sh");
            ContainerEvent nc = listener(PAYMENTS, T0 + 2_000, 20, 10, "nc", "-lvnp", "4444", "-e", "/bin/sh");
            ContainerEvent otherShell = exec(REPORTS, T0 + 6_000, 21, 10, "/bin/sh");
            send(gate, connection, shell, otherShell);
            assertThat(take(gate)).isEmpty();
            send(gate, nc);
            assertThat(take(gate)).as("a listener goes on at once").extracting(e -> e.eventId).containsExactly(nc.eventId);

            gate.processWatermark(T0 + 6_000);
            assertThat(take(gate)).extracting(e -> e.eventId).containsExactly(connection.eventId, shell.eventId);

            ContainerEvent afterWindow = exec(PAYMENTS, T0 + 2_000 + WINDOW.toMillis(), 30, 10, "/bin/sh");
            send(gate, afterWindow);
            gate.processWatermark(afterWindow.timestamp);
            assertThat(take(gate)).isEmpty();
            assertThat(take(gate, ListenerGate.LATE)).isEmpty();
        }
    }

    @Test
    void eventsBehindTheWatermarkGoToTheLateOutputWhenTheyCouldMatter() throws Exception {
        try (var gate = GateHarness.create(new HashMapStateBackend())) {
            gate.open();
            send(gate, listener(PAYMENTS, T0 + 2_000, 20, 10, "nc", "-lvnp", "4444"));
            gate.processWatermark(T0 + 60_000);
            take(gate);

            ContainerEvent lateShell = exec(PAYMENTS, T0 + 30_000, 21, 20, "/bin/sh");
            ContainerEvent lateListener = listener(REPORTS, T0 + 30_000, 20, 10, "nc", "-l", "9001");
            ContainerEvent lateButIrrelevant = exec(REPORTS, T0 + 31_000, 22, 10, "/bin/sh");
            send(gate, lateShell, lateListener, lateButIrrelevant);

            assertThat(take(gate, ListenerGate.LATE)).extracting(e -> e.eventId)
                    .containsExactly(lateShell.eventId, lateListener.eventId);
            assertThat(take(gate)).isEmpty();
        }
    }

    @Test
    void theListenerWindowIsReleasedOneWindowAfterItCloses() throws Exception {
        try (var gate = GateHarness.create(new HashMapStateBackend())) {
            gate.open();
            send(gate, listener(PAYMENTS, T0, 20, 10, "nc", "-lvnp", "4444"), exec(PAYMENTS, T0 + 1_000, 21, 20, "/bin/sh"));
            gate.processWatermark(T0 + WINDOW.toMillis());
            assertThat(gate.numKeyedStateEntries()).as("the window, kept to recognise late events").isPositive();

            gate.processWatermark(T0 + 2 * WINDOW.toMillis());

            assertThat(gate.numKeyedStateEntries()).isZero();
            assertThat(gate.numEventTimeTimers()).isZero();
        }
    }

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aSnapshotRestoresTheListenerAndTheWaitingCandidates(StateBackend backend) throws Exception {
        OperatorSubtaskState snapshot;
        ContainerEvent shell = exec(PAYMENTS, T0 + 6_000, 21, 20, "/bin/sh");
        try (var gate = GateHarness.create(backend)) {
            gate.open();
            send(gate, listener(PAYMENTS, T0 + 2_000, 20, 10, "nc", "-lvnp", "4444"), shell);
            gate.processWatermark(T0 + 3_000);
            snapshot = gate.snapshot(1, T0);
        }
        try (var restored = GateHarness.create(backend)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(T0 + 6_000);
            assertThat(take(restored)).extracting(e -> e.eventId).containsExactly(shell.eventId);

            ContainerEvent second = exec(PAYMENTS, T0 + 7_000, 22, 20, "/bin/sh");
            send(restored, second);
            restored.processWatermark(T0 + 7_000);
            assertThat(take(restored)).as("the restored listener still opens its window")
                    .extracting(e -> e.eventId).containsExactly(second.eventId);
        }
    }
}
