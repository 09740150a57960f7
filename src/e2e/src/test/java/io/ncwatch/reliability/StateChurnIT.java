package io.ncwatch.reliability;

import static io.ncwatch.testing.EcsJson.accepted;
import static io.ncwatch.testing.EcsJson.end;
import static io.ncwatch.testing.EcsJson.exec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.alert.AlertId;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.Stage;
import io.ncwatch.testing.Await;
import io.ncwatch.testing.EcsJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * State under churn, for the whole job: 100,000 containers that each live one minute (100 arrive per
 * second of event time, so about 6,000 live at once; every 100th serves a bind shell) go through the job
 * against the real Kafka and Elasticsearch. Its checkpoints grow while they live; once event time has
 * passed their release grace and listener windows, a checkpoint is back to the size of the same job's
 * before any event came. (That each operator releases a key's state is StateReleaseTest's; this is what
 * the job's checkpoints write.)
 */
class StateChurnIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @AfterAll
    static void deleteTheRunsOutputs() {
        FaultRun.deleteOutputs();
    }

    private static final int CONTAINERS = 100_000;
    private static final int ARRIVALS_PER_SECOND = 100;
    private static final int LIFE_SECONDS = 60;
    /** Checkpoint bytes the job may hold beyond an empty one's once the containers are gone. */
    private static final long LEFT_OVER_BYTES = 16 * 1024;

    /** One event of the churn, in event-time order. */
    private record Timed(long second, String topic, String key, String json) {}

    @Test
    void theJobsStateReturnsToEmptyOnceTheContainersAreGone() throws Exception {
        Figures figures = new Figures("state under churn");
        FaultRun run = new FaultRun("churn");
        MiniClusterRest rest = new MiniClusterRest(FLINK);
        JobClient job = FaultRun.start(run.config(Map.of("kafka.bounded", "false")), new Configuration(), UnaryOperator.identity());
        JobID id = job.getJobID();
        Await.until("job " + id + " runs", Duration.ofMinutes(1), () -> job.getJobStatus().join() == JobStatus.RUNNING);
        Checkpoints checkpoints = new Checkpoints(rest, id);
        long empty = checkpoints.completedAfter(System.currentTimeMillis()).path("state_size").asLong();

        long events = 0;
        long last = 0;
        PriorityQueue<Timed> due = new PriorityQueue<>(Comparator.comparingLong(Timed::second));
        try (FaultRun.Producer producer = run.new Producer()) {
            for (int i = 0; i <= CONTAINERS; i++) {
                long start = i / ARRIVALS_PER_SECOND;
                while (!due.isEmpty() && (i == CONTAINERS || due.peek().second() < start)) {
                    Timed event = due.poll();
                    producer.send(event.topic(), event.key(), event.json().getBytes(StandardCharsets.UTF_8));
                    last = event.second();
                    events++;
                }
                if (i < CONTAINERS) {
                    due.addAll(lifeOf(run, "churn-" + i, start, i % 100 == 0));
                }
                if (i % 1_000 == 0) {
                    checkpoints.sample();
                }
            }
        }
        // Event time moves on by an hour in every partition, with events of no container: they hold no state.
        byte[] clock = ("{\"@timestamp\":\"" + EcsJson.at(last + 3600) + "\",\"event\":{\"kind\":\"event\"}}")
                .getBytes(StandardCharsets.UTF_8);
        try (FaultRun.Producer producer = run.new Producer()) {
            for (String topic : List.of(run.processTopic, run.networkTopic)) {
                for (int partition = 0; partition < 2; partition++) {
                    producer.send(topic, partition, clock);
                }
            }
        }
        long clockMillis = EcsJson.T0.plusSeconds(last + 3600).toEpochMilli();
        Await.until("event time at the correlation passes the containers' end", Duration.ofMinutes(5), () -> {
            checkpoints.sample();
            // The watermark trails the newest event by the out-of-orderness bound (5 s).
            return watermark(rest, id, "correlate listeners") >= clockMillis - Duration.ofMinutes(1).toMillis();
        });
        // The sinks' buffers are state too: the alerts of the last bind shells must have left them.
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < CONTAINERS; i += 100) {
            expected.add(AlertId.of(ExpectedAlert.SEED_RULE_ID, "event.id:churn-" + i + "-nc", Stage.RULE));
            expected.add(AlertId.of(ExpectedAlert.SEED_RULE_ID, "event.id:churn-" + i + "-conn", Stage.CONNECTION));
            expected.add(AlertId.of(ExpectedAlert.SEED_RULE_ID, "event.id:churn-" + i + "-sh", Stage.SHELL));
        }
        run.awaitEveryAlert(expected, Duration.ofMinutes(2));
        JsonNode after = checkpoints.completedAfter(System.currentTimeMillis());
        long peak = checkpoints.largest;
        job.cancel().get();
        AlertTally alerts = AlertTally.of("Elasticsearch", expected, run.alertsInElasticsearch());

        long remaining = after.path("state_size").asLong();
        figures.put("containers", CONTAINERS).put("events", events).put("checkpoint bytes empty", empty)
                .put("largest checkpoint bytes", peak).put("checkpoint bytes after", remaining).put("alerts", alerts).print();
        assertThat(alerts.exact()).as(alerts.toString()).isTrue();
        assertThat(peak - empty).as("checkpoint bytes beyond an empty job's while the containers live").isGreaterThan(1 << 20);
        assertThat(remaining - empty).as("checkpoint bytes beyond an empty job's once they are gone").isLessThan(LEFT_OVER_BYTES);
    }

    /** A container's minute: the app, every 100th a bind shell (listener, connection, shell), then the ends. */
    private static List<Timed> lifeOf(FaultRun run, String container, long start, boolean bindShell) {
        String p = run.processTopic;
        List<Timed> life = new ArrayList<>();
        life.add(new Timed(start, p, container, exec(container + "-app", start, container, 1, 0, "containerd-shim", "java", "-jar", "app.jar")));
        if (bindShell) {
            life.add(new Timed(start + 1, p, container, exec(container + "-nc", start + 1, container, 20, 1, "java", "nc", "-lvnp", "4444", "-e", "/bin/sh")));
            life.add(new Timed(start + 2, run.networkTopic, container, accepted(container + "-conn", start + 2, container, 20L, "203.0.113.45", 51544, 4444)));
            life.add(new Timed(start + 3, p, container, exec(container + "-sh", start + 3, container, 21, 20, "nc", "/bin/sh")));
            life.add(new Timed(start + LIFE_SECONDS - 1, p, container, end(container + "-sh-end", start + LIFE_SECONDS - 1, container, 21, 20, "nc", "/bin/sh")));
            life.add(new Timed(start + LIFE_SECONDS - 1, p, container, end(container + "-nc-end", start + LIFE_SECONDS - 1, container, 20, 1, "java", "nc", "-lvnp", "4444", "-e", "/bin/sh")));
        }
        life.add(new Timed(start + LIFE_SECONDS, p, container, end(container + "-app-end", start + LIFE_SECONDS, container, 1, 0, "containerd-shim", "java", "-jar", "app.jar")));
        return life;
    }

    /** The checkpoints of a running job, as its REST API shows them. */
    private static final class Checkpoints {
        private final MiniClusterRest rest;
        private final JobID job;
        /** The largest full size of a completed checkpoint seen by {@link #sample}. */
        long largest;

        Checkpoints(MiniClusterRest rest, JobID job) {
            this.rest = rest;
            this.job = job;
        }

        /** The latest completed checkpoint (a missing node while there is none). */
        JsonNode latest() {
            return rest.get("/jobs/" + job + "/checkpoints").path("latest").path("completed");
        }

        void sample() {
            largest = Math.max(largest, latest().path("state_size").asLong());
        }

        /** The first completed checkpoint that was triggered after SINCE (epoch ms). */
        JsonNode completedAfter(long since) {
            Await.until("a checkpoint of job " + job + " triggered after " + since, Duration.ofMinutes(2),
                    () -> latest().path("trigger_timestamp").asLong() > since);
            return latest();
        }
    }

    /** The lowest input watermark over the subtasks of the vertex whose name contains NAME. */
    private static long watermark(MiniClusterRest rest, JobID job, String name) {
        for (JsonNode vertex : rest.vertices(job)) {
            if (vertex.get("name").asText().contains(name)) {
                long lowest = Long.MAX_VALUE;
                for (JsonNode subtask : rest.get("/jobs/" + job + "/vertices/" + vertex.get("id").asText() + "/watermarks")) {
                    lowest = Math.min(lowest, subtask.get("value").asLong());
                }
                return lowest;
            }
        }
        throw new AssertionError("no vertex named " + name);
    }
}
