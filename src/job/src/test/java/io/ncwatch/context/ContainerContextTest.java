package io.ncwatch.context;

import static io.ncwatch.context.ContextHarness.GRACE;
import static io.ncwatch.context.ContextHarness.TTL;
import static io.ncwatch.harness.KeyedHarness.send;
import static io.ncwatch.harness.KeyedHarness.take;
import static io.ncwatch.record.TestContainerEvents.accepted;
import static io.ncwatch.record.TestContainerEvents.end;
import static io.ncwatch.record.TestContainerEvents.exec;
import static io.ncwatch.record.TestContainerEvents.listener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ncwatch.record.Ancestor;
import io.ncwatch.record.ContainerEvent;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerContextTest {
    private static final String PAYMENTS = "payments";
    private static final String REPORTS = "reports";
    private static final long T0 = 1_796_000_000_000L;

    /** init (1) -> bash (10) in {@code container}, from {@code time}. */
    private static void bashSession(KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ContainerEvent> harness,
            String container, long time) throws Exception {
        send(harness,
                exec(container, time, 1, 0, "/app/server"),
                exec(container, time + 1_000, 10, 1, "/bin/bash"));
    }

    @Test
    void ruleMatchesLeaveAtOnceWithTheirAncestry() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            bashSession(harness, PAYMENTS, T0);
            ContainerEvent nc = listener(PAYMENTS, T0 + 2_000, 20, 10, "nc", "-lvnp", "4444");
            nc.parentName = "bash";
            nc.parentArgs = new String[] {"bash"};
            nc.sessionLeaderEntityId = "ent-10";
            nc.entryLeaderEntityId = "ent-1";
            send(harness, nc);

            List<ContainerEvent> out = take(harness);
            assertThat(out).extracting(e -> e.eventId).containsExactly(nc.eventId);
            assertThat(out.get(0).ancestry)
                    .extracting(a -> a.origin, a -> a.entityId, a -> a.pid, a -> a.name)
                    .containsExactly(
                            tuple(Ancestor.FROM_EVENT, "ent-10", 10L, "bash"),
                            tuple(Ancestor.FROM_TABLE, "ent-1", 1L, "server"));
        }
    }

    @Test
    void onlyMatchesGoOnAtOnceAndOnlySettledEventsLater() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            ContainerEvent match = exec(PAYMENTS, T0, 20, 10, "nc", "-l", "4444");
            match.matchedRules = new String[] {"rule-a", "rule-b"};
            ContainerEvent unmatched = exec(REPORTS, T0 + 1, 21, 10, "ls");
            ContainerEvent shell = exec(REPORTS, T0 + 2, 22, 10, "/bin/sh");
            send(harness, match, unmatched, shell);
            harness.processWatermark(T0 + 2);

            assertThat(take(harness)).extracting(e -> e.eventId).containsExactly(match.eventId);
            assertThat(take(harness, ContainerContext.SETTLED)).extracting(e -> e.eventId).containsExactly(shell.eventId);
        }
    }

    @Test
    void aMatchBehindTheWatermarkStillGoesOnAtOnce() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            harness.processWatermark(T0 + 60_000);
            ContainerEvent late = listener(REPORTS, T0 + 30_000, 20, 10, "nc", "-l", "9001");
            send(harness, late);

            assertThat(take(harness)).extracting(e -> e.eventId).containsExactly(late.eventId);
        }
    }

    @Test
    void settledEventsWaitForTheWatermarkAndCarryTheAncestryKnownThen() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            bashSession(harness, PAYMENTS, T0);
            // Out of order: the connection and the shell arrive before the listener, the shell's parent,
            // through which the shell's ancestry reaches bash and the server.
            ContainerEvent connection = accepted(PAYMENTS, T0 + 5_000, 20, "203.0.113.45", 51544, 4444);
            ContainerEvent shell = exec(PAYMENTS, T0 + 6_000, 21, 20, "/bin/sh");
            ContainerEvent nc = listener(PAYMENTS, T0 + 2_000, 20, 10, "nc", "-lvnp", "4444", "-e", "/bin/sh");
            send(harness, connection, shell);
            harness.processWatermark(T0 + 4_000);
            assertThat(take(harness, ContainerContext.SETTLED)).as("before the watermark passes them").isEmpty();
            send(harness, nc);

            harness.processWatermark(T0 + 6_000);
            List<ContainerEvent> settled = take(harness, ContainerContext.SETTLED);
            assertThat(settled).extracting(e -> e.eventId).containsExactly(connection.eventId, shell.eventId);
            assertThat(settled.get(1).ancestry).extracting(a -> a.entityId).containsExactly("ent-20", "ent-10", "ent-1", "ent-0");

            ContainerEvent lateShell = exec(PAYMENTS, T0 + 5_500, 22, 20, "/bin/sh");
            send(harness, lateShell);
            assertThat(take(harness, ContainerContext.SETTLED)).as("behind the watermark: at once")
                    .extracting(e -> e.eventId).containsExactly(lateShell.eventId);
        }
    }

    @Test
    void waitingEventsAreReleasedInEventTimeOrderWhateverTheirArrival() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            bashSession(harness, PAYMENTS, T0);
            ContainerEvent third = exec(PAYMENTS, T0 + 9_000, 23, 10, "/bin/sh");
            ContainerEvent first = accepted(PAYMENTS, T0 + 5_000, 10, "203.0.113.45", 51544, 4444);
            ContainerEvent second = exec(PAYMENTS, T0 + 7_000, 22, 10, "/bin/sh");
            send(harness, third, first, second);

            harness.processWatermark(T0 + 10_000);

            assertThat(take(harness, ContainerContext.SETTLED)).extracting(e -> e.eventId)
                    .containsExactly(first.eventId, second.eventId, third.eventId);
        }
    }

    @Test
    void aContainerHoldsOneTimerForItsWaitingEventsAndOneForItsReleasesNotOnePerEvent() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            bashSession(harness, PAYMENTS, T0);
            int shells = 50;
            for (int i = 0; i < shells; i++) {
                long time = T0 + 2_000 + i * 1_000L;
                send(harness, exec(PAYMENTS, time, 100 + i, 10, "/bin/sh"), end(PAYMENTS, time + 500, 100 + i, 10));
            }
            assertThat(harness.numEventTimeTimers()).as("the earliest waiting shell's and the earliest release's").isEqualTo(2);

            harness.processWatermark(T0 + 26_500);
            assertThat(take(harness, ContainerContext.SETTLED)).as("the shells the watermark has passed").hasSize(25);
            assertThat(harness.numEventTimeTimers()).as("the next waiting shell's and the first release's").isEqualTo(2);

            long lastEnd = T0 + 2_000 + (shells - 1) * 1_000L + 500;
            harness.processWatermark(lastEnd + GRACE.toMillis() + 1_000);
            assertThat(take(harness, ContainerContext.SETTLED)).as("the other shells").hasSize(shells - 25);
            assertThat(harness.numEventTimeTimers()).as("nothing waits, nothing ended is kept").isZero();
            ContainerEvent child = exec(PAYMENTS, lastEnd + GRACE.toMillis() + 2_000, 300, 100, "id");
            child.matchedRules = new String[] {"other-rule"};
            send(harness, child);
            assertThat(child.ancestry).as("the shells are released").extracting(a -> a.origin, a -> a.entityId)
                    .containsExactly(tuple(Ancestor.FROM_EVENT, "ent-100"), tuple(Ancestor.UNKNOWN, null));
        }
    }

    @Test
    void ancestorsTheTableDoesNotKnowAreMarkedUnknownNotInvented() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            send(harness, exec(PAYMENTS, T0, 10, 7, "/bin/bash"));
            ContainerEvent nc = listener(PAYMENTS, T0 + 1_000, 20, 10, "nc", "-l", "4444");
            ContainerEvent orphan = listener(PAYMENTS, T0 + 2_000, 30, 99, "nc", "-l", "4445");
            send(harness, nc, orphan);

            assertThat(nc.ancestry).extracting(a -> a.origin, a -> a.entityId, a -> a.name)
                    .containsExactly(tuple(Ancestor.FROM_EVENT, "ent-10", null), tuple(Ancestor.UNKNOWN, "ent-7", null));
            assertThat(orphan.ancestry).extracting(a -> a.origin, a -> a.entityId)
                    .containsExactly(tuple(Ancestor.FROM_EVENT, "ent-99"), tuple(Ancestor.UNKNOWN, null));
        }
    }

    @Test
    void ancestryStopsAtEightAndAtTheEntryLeader() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            for (int pid = 1; pid <= 12; pid++) {
                send(harness, exec(PAYMENTS, T0 + pid, pid, pid - 1, "bash"));
            }
            ContainerEvent deep = exec(PAYMENTS, T0 + 100, 13, 12, "bash");
            ContainerEvent entered = exec(PAYMENTS, T0 + 100, 14, 12, "bash");
            entered.entryLeaderEntityId = "ent-10";
            deep.matchedRules = entered.matchedRules = new String[] {"other-rule"};
            send(harness, deep, entered);

            assertThat(deep.ancestry).extracting(a -> a.pid).containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L);
            assertThat(entered.ancestry).extracting(a -> a.pid).containsExactly(12L, 11L, 10L);
        }
    }

    @Test
    void endedProcessesLeaveAfterTheGraceAndTheContainerHoldsNoStateAfterwards() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            bashSession(harness, PAYMENTS, T0);
            send(harness, listener(PAYMENTS, T0 + 2_000, 20, 10, "nc", "-l", "-p", "4444"));
            send(harness, exec(PAYMENTS, T0 + 3_000, 21, 20, "/bin/sh"));
            long ended = T0 + 10_000;
            send(harness, end(PAYMENTS, ended, 21, 20), end(PAYMENTS, ended, 20, 10), end(PAYMENTS, ended, 10, 1),
                    end(PAYMENTS, ended, 1, 0));
            harness.processWatermark(ended + GRACE.toMillis() - 1_000);
            ContainerEvent child = exec(PAYMENTS, ended + GRACE.toMillis() - 1_000, 40, 20, "id");
            child.matchedRules = new String[] {"other-rule"};
            send(harness, child);
            assertThat(child.ancestry).as("ended processes are still known within the grace")
                    .extracting(a -> a.origin, a -> a.entityId).containsExactly(tuple(Ancestor.FROM_EVENT, "ent-20"),
                            tuple(Ancestor.FROM_TABLE, "ent-10"), tuple(Ancestor.FROM_TABLE, "ent-1"), tuple(Ancestor.UNKNOWN, "ent-0"));
            send(harness, end(PAYMENTS, child.timestamp, 40, 20));
            assertThat(harness.numKeyedStateEntries()).isPositive();

            harness.processWatermark(child.timestamp + GRACE.toMillis() + 1_000);

            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).as("the idle check goes with the table").isZero();
        }
    }

    @Test
    void processesBeyondTheCapEvictTheOldest() throws Exception {
        try (var harness = ContextHarness.open(8)) {
            for (int pid = 1; pid <= 9; pid++) {
                send(harness, exec(PAYMENTS, T0 + pid * 1_000L, pid, 0, "worker"));
            }
            ContainerEvent probe = exec(PAYMENTS, T0 + 20_000, 100, 9, "bash");
            probe.matchedRules = new String[] {"other-rule"};
            ContainerEvent probeOldest = exec(PAYMENTS, T0 + 20_000, 101, 2, "bash");
            probeOldest.matchedRules = new String[] {"other-rule"};
            send(harness, probe, probeOldest);
            // 9 > 8: down to 7 (7/8 of the cap), the two oldest (1 and 2) gone; then 100 and 101 joined.
            assertThat(probeOldest.ancestry).extracting(a -> a.origin).containsExactly(Ancestor.FROM_EVENT, Ancestor.UNKNOWN);
            assertThat(probe.ancestry).extracting(a -> a.origin).containsExactly(Ancestor.FROM_EVENT, Ancestor.UNKNOWN);
            ContainerEvent probe3 = exec(PAYMENTS, T0 + 21_000, 102, 100, "bash");
            probe3.matchedRules = new String[] {"other-rule"};
            send(harness, probe3);
            assertThat(probe3.ancestry).extracting(a -> a.origin, a -> a.pid)
                    .containsExactly(tuple(Ancestor.FROM_EVENT, 100L), tuple(Ancestor.FROM_TABLE, 9L), tuple(Ancestor.UNKNOWN, null));
        }
    }

    @Test
    void processesUnusedForTheTtlAreForgottenAndTheirContainerThen() throws Exception {
        try (var harness = ContextHarness.open(1024)) {
            harness.setProcessingTime(0);
            bashSession(harness, PAYMENTS, T0);
            harness.setProcessingTime(TTL.toMillis() / 2);
            ContainerEvent readsServer = exec(PAYMENTS, T0 + 2_000, 11, 1, "id");
            readsServer.matchedRules = new String[] {"other-rule"};
            send(harness, readsServer);

            harness.setProcessingTime(TTL.toMillis() + TTL.toMillis() / 4);
            ContainerEvent underBash = exec(PAYMENTS, T0 + 3_000, 20, 10, "id");
            ContainerEvent underServer = exec(PAYMENTS, T0 + 3_000, 21, 11, "id");
            underBash.matchedRules = underServer.matchedRules = new String[] {"other-rule"};
            send(harness, underBash, underServer);
            assertThat(underBash.ancestry).as("bash was not used for the TTL")
                    .extracting(a -> a.origin).containsExactly(Ancestor.FROM_EVENT, Ancestor.UNKNOWN);
            assertThat(underServer.ancestry).as("the server was read half a TTL in, so it is still known")
                    .extracting(a -> a.origin, a -> a.pid)
                    .containsExactly(tuple(Ancestor.FROM_EVENT, 11L), tuple(Ancestor.FROM_TABLE, 1L), tuple(Ancestor.UNKNOWN, null));

            harness.processWatermark(T0 + 3_000);
            harness.setProcessingTime(3 * TTL.toMillis());
            assertThat(harness.numKeyedStateEntries()).as("state of a container unused for the TTL").isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aSnapshotRestoresTheTableAndTheWaitingEvents(StateBackend backend) throws Exception {
        OperatorSubtaskState snapshot;
        ContainerEvent shell = exec(PAYMENTS, T0 + 6_000, 21, 20, "/bin/sh");
        try (var harness = ContextHarness.create(1024, backend)) {
            harness.open();
            bashSession(harness, PAYMENTS, T0);
            send(harness, listener(PAYMENTS, T0 + 2_000, 20, 10, "nc", "-lvnp", "4444"), shell);
            harness.processWatermark(T0 + 3_000);
            snapshot = harness.snapshot(1, T0);
        }
        try (var restored = ContextHarness.create(1024, backend)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(T0 + 6_000);

            assertThat(take(restored, ContainerContext.SETTLED))
                    .extracting(e -> e.eventId, e -> e.ancestry.length)
                    .containsExactly(tuple(shell.eventId, 4));
        }
    }
}
