package io.ncwatch.correlate;

import static io.ncwatch.record.TestContainerEvents.accepted;
import static io.ncwatch.record.TestContainerEvents.end;
import static io.ncwatch.record.TestContainerEvents.exec;
import static io.ncwatch.record.TestContainerEvents.listener;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.context.ContextSettings;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.Stage;
import io.ncwatch.record.TestContainerEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100,000 short-lived containers pass through the context stage and the correlation; every 100th runs a
 * bind shell. Afterwards no operator holds any keyed state or timer: the state is counted by the
 * heap backend's state tables (every key's value in every state, CEP's own included) and by the size of
 * a snapshot, which is what a checkpoint would write.
 */
class StateReleaseTest {
    private static final int CONTAINERS = 100_000;
    private static final long T0 = 1_796_000_000_000L;
    private static final long ARRIVAL = 100;
    private static final long OUT_OF_ORDERNESS = 5_000;
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final ContextSettings CONTEXT = new ContextSettings(Duration.ofSeconds(30), Duration.ofHours(24), 1024);

    private static CorrelationChain chain() throws Exception {
        return new CorrelationChain(Set.of(TestContainerEvents.RULE), CONTEXT, WINDOW);
    }

    @Test
    void theStateOfShortLivedContainersIsReleased() throws Exception {
        long emptySnapshot;
        try (CorrelationChain empty = chain()) {
            emptySnapshot = empty.snapshotBytes(1);
        }
        try (CorrelationChain stages = chain()) {
            PriorityQueue<ContainerEvent> due = new PriorityQueue<>(Comparator.comparingLong(e -> e.timestamp));
            int sent = 0;
            int peakEntries = 0;
            long last = T0;
            for (int i = 0; i < CONTAINERS; i++) {
                long start = T0 + i * ARRIVAL;
                while (!due.isEmpty() && due.peek().timestamp < start) {
                    ContainerEvent event = due.poll();
                    stages.send(event);
                    last = event.timestamp;
                    if (++sent % 1_000 == 0) {
                        stages.watermark(last - OUT_OF_ORDERNESS);
                        peakEntries = Math.max(peakEntries, stages.stateEntries());
                    }
                }
                due.addAll(lifeOf("c" + i, start, i % 100 == 0));
            }
            while (!due.isEmpty()) {
                stages.send(due.poll());
            }
            assertThat(peakEntries).as("state while containers live").isPositive();

            stages.watermark(last + 2 * WINDOW.toMillis() + CONTEXT.releaseGrace().toMillis());

            List<Detection> correlated = stages.detections();
            assertThat(stages.matches()).hasSize(CONTAINERS / 100);
            assertThat(correlated).filteredOn(d -> d.stage.equals(Stage.CONNECTION)).hasSize(CONTAINERS / 100);
            assertThat(correlated).filteredOn(d -> d.stage.equals(Stage.SHELL)).hasSize(CONTAINERS / 100)
                    .allSatisfy(d -> assertThat(d.event.processName).isEqualTo("sh"));
            assertThat(stages.late()).isEmpty();
            assertThat(stages.stateEntries()).as("keyed state entries after the containers are gone").isZero();
            assertThat(stages.timers()).as("timers after the containers are gone").isZero();
            long snapshot = stages.snapshotBytes(2);
            assertThat(snapshot).as("snapshot bytes, against an empty operator's").isEqualTo(emptySnapshot);
            System.out.printf("state release: %d containers, peak %d state entries, final snapshot %d bytes (empty: %d)%n",
                    CONTAINERS, peakEntries, snapshot, emptySnapshot);
        }
    }

    /** A container's minute: the app, a health check through {@code sh -c}, maybe a bind shell, then the end. */
    private static List<ContainerEvent> lifeOf(String container, long start, boolean bindShell) {
        List<ContainerEvent> events = new ArrayList<>();
        events.add(exec(container, start, 1, 0, "/usr/local/bin/python3", "-m", "gunicorn", "app:server"));
        events.add(exec(container, start + 10_000, 2, 1, "/bin/sh", "-c", "curl -fsS localhost:8080/health"));
        events.add(exec(container, start + 10_010, 3, 2, "/usr/bin/curl", "-fsS", "localhost:8080/health"));
        events.add(end(container, start + 10_200, 3, 2));
        events.add(end(container, start + 10_210, 2, 1));
        if (bindShell) {
            events.add(exec(container, start + 20_000, 5, 1, "/bin/bash"));
            events.add(listener(container, start + 21_000, 6, 5, "nc", "-lvnp", "4444", "-e", "/bin/sh"));
            events.add(accepted(container, start + 25_000, 6, "203.0.113.45", 51544, 4444));
            events.add(exec(container, start + 25_100, 7, 6, "/bin/sh"));
            events.add(exec(container, start + 26_000, 8, 7, "/usr/bin/id"));
            events.add(end(container, start + 26_100, 8, 7));
            events.add(end(container, start + 40_000, 7, 6));
            events.add(end(container, start + 40_000, 6, 5));
            events.add(end(container, start + 40_000, 5, 1));
        }
        events.add(end(container, start + 60_000, 1, 0));
        return events;
    }
}
