package io.ncwatch.job;

import static io.ncwatch.job.TestEvents.SEED_RULE_ID;
import static io.ncwatch.job.TestEvents.exec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.rules.TestRules;
import io.ncwatch.testing.Await;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules pushed to the rules topic of a running job change its verdicts without a restart: a new rule
 * judges the events after it, a broken one is a dead letter while the version before it runs on, a
 * removed one judges nothing more; the job keeps running throughout. One decoder (parallelism 1), so
 * that a dead letter of the rules topic tells that every update before it has reached the decoder.
 */
class LiveRulesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINER = "8c4b2f9e6a1d3c7b5e0f";
    private static final String SOCAT = "socat-listener";
    private static final String SOCAT_QUERY = "process where process.name == \"socat\" and process.args : \"TCP-LISTEN:*\"";
    private static final String BROKEN = TestRules.json(SOCAT, "process where process.name = \"socat\"");

    private final KafkaServer kafka = KafkaServer.shared();
    private final String prefix = "liverules-" + System.nanoTime();

    @Test
    void rulesPushedToTheTopicChangeVerdictsWhileTheJobRuns() throws Exception {
        kafka.createTopic(prefix + ".process-events", 1);
        Map<String, String> settings = BoundedRunSettings.of(prefix, "liverules", kafka, ElasticsearchServer.shared());
        settings.put("kafka.bounded", "false");
        settings.put("kafka.topics.network", "");
        settings.put("kafka.topics.rules", prefix + ".rules");
        settings.put("outputs.elasticsearch", "false");
        settings.put("parallelism", "1");
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, settings);
        JobClient job = NcwatchJob.build(config, new Configuration(), UnaryOperator.identity())
                .executeAsync(NcwatchJob.jobName(config));
        try {
            event("before", "socat", "socat", "TCP-LISTEN:4444", "EXEC:/bin/sh");
            event("nc-1", "nc", "nc", "-lvnp", "4444");
            awaitAlertOf("nc-1");

            rule(SOCAT, TestRules.json(SOCAT, SOCAT_QUERY));
            rule(SOCAT, BROKEN);
            awaitDeadLetters(1);
            event("after", "socat", "socat", "TCP-LISTEN:4444", "EXEC:/bin/sh");
            awaitAlertOf("after");

            rule(SOCAT, null);
            rule(SOCAT, BROKEN);
            awaitDeadLetters(2);
            event("removed", "socat", "socat", "TCP-LISTEN:4444", "EXEC:/bin/sh");
            event("nc-2", "nc", "nc", "-lvnp", "4444");
            awaitAlertOf("nc-2");

            assertThat(alerts()).as("rule and source event of each alert")
                    .containsExactlyInAnyOrder(SEED_RULE_ID + " nc-1", SOCAT + " after", SEED_RULE_ID + " nc-2");
            assertThat(deadLetters()).allSatisfy(letter -> {
                assertThat(letter.path("ncwatch").path("deadletter").path("stage").asText()).isEqualTo(DeadLetter.STAGE_RULES);
                assertThat(letter.path("ncwatch").path("deadletter").path("reason").asText()).isEqualTo(DeadLetter.INVALID_RULE);
            });
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    private void event(String id, String name, String... args) {
        send(prefix + ".process-events", null, exec(id, "2026-11-28T06:12:44Z", CONTAINER, name, args));
    }

    private void rule(String id, String text) {
        send(prefix + ".rules", id, text);
    }

    private void send(String topic, String key, String value) {
        Properties properties = new Properties();
        properties.putAll(kafka.clientProperties());
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    private void awaitAlertOf(String eventId) {
        Await.until("the alert of " + eventId, Duration.ofMinutes(2),
                () -> alerts().stream().anyMatch(alert -> alert.endsWith(" " + eventId)), () -> alerts().toString());
    }

    private void awaitDeadLetters(int count) {
        Await.until(count + " dead letters of the rules topic", Duration.ofMinutes(2), () -> deadLetters().size() == count,
                () -> deadLetters().toString());
    }

    /** "rule-id source-event-id" of each alert on the alerts topic. */
    private List<String> alerts() {
        return kafka.readCommitted(prefix + ".alerts").stream().map(record -> json(record.value()))
                .map(alert -> alert.path("rule").path("id").asText() + " "
                        + alert.path("ncwatch").path("source_event").path("id").asText())
                .toList();
    }

    private List<JsonNode> deadLetters() {
        return kafka.readCommitted(prefix + ".deadletter").stream().map(record -> json(record.value())).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
