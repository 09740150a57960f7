package io.ncwatch.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.TestContainerEvents;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What one tracked process costs in the context stage's state, as a checkpoint writes it (the heap
 * backend's snapshot: key, entity id, the serialized process with its last use, and the container's
 * bookkeeping spread over its processes). The benchmark issue's budget is 512 bytes per process.
 */
class ProcessStateSizeTest {
    private static final int CONTAINERS = 500;
    private static final int PROCESSES = 20;
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"/usr/local/bin/python3", "-m", "gunicorn", "app:server", "--workers", "4", "--bind", "0.0.0.0:8080"},
            new String[] {"/bin/sh", "-c", "curl -fsS http://localhost:8080/healthz || exit 1"},
            new String[] {"/usr/bin/curl", "-fsS", "http://localhost:8080/healthz"},
            new String[] {"/usr/bin/java", "-XX:MaxRAMPercentage=75", "-jar", "/app/payments-api.jar", "--spring.profiles.active=prod"},
            new String[] {"/bin/bash"},
            new String[] {"/usr/sbin/nginx", "-g", "daemon off;"},
            new String[] {"/usr/bin/node", "/srv/app/dist/server.js"});

    @Test
    void aTrackedProcessCostsAtMost512Bytes() throws Exception {
        long empty;
        try (var harness = ContextHarness.open(1024)) {
            empty = harness.snapshot(1, 0).getStateSize();
        }
        Random random = new Random(42);
        try (var harness = ContextHarness.open(1024)) {
            long time = 1_796_000_000_000L;
            for (int c = 0; c < CONTAINERS; c++) {
                String container = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                        + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
                String parent = entityId(random);
                for (int p = 0; p < PROCESSES; p++) {
                    String[] command = COMMANDS.get(random.nextInt(COMMANDS.size()));
                    ContainerEvent event = TestContainerEvents.exec(container, time++, 100 + p, 99 + p, command);
                    event.processEntityId = entityId(random);
                    event.parentEntityId = parent;
                    event.processStart = "2026-11-28T06:12:44.301Z";
                    parent = event.processEntityId;
                    KeyedHarness.send(harness, event);
                }
            }
            long bytes = harness.snapshot(2, 0).getStateSize() - empty;
            long perProcess = bytes / (CONTAINERS * PROCESSES);
            System.out.printf("process table: %d processes in %d containers, %d snapshot bytes, %d bytes per process%n",
                    CONTAINERS * PROCESSES, CONTAINERS, bytes, perProcess);
            assertThat(perProcess).isLessThanOrEqualTo(512);
        }
    }

    /** Like Defend for Containers' entity ids: base64 of 32 bytes. */
    private static String entityId(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
