package io.ncwatch.job;

import static io.ncwatch.job.TestEvents.SEED_RULE_ID;
import static io.ncwatch.job.TestEvents.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.alert.AlertId;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.Stage;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job from the real Kafka, plain and secured (SASL_SSL as the user ncwatch, with only its ACLs), to the
 * real Elasticsearch, bounded: the exact alerts and dead letters in Elasticsearch and on the committed Kafka
 * topics, and a second run over the same input adds nothing.
 */
class NcwatchJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    /** Data streams of this test class's own: the test Elasticsearch lives as long as the test JVM. */
    private static final String NAMESPACE = "jobit" + Long.toString(System.currentTimeMillis(), 36);
    private static final String PAYMENTS = "8c4b2f9e6a1d3c7b5e0f";
    private static final String REPORTS = "b7e2d4c6a8f0e1d3c5b7";

    static Stream<Arguments> brokers() {
        return Stream.of(Arguments.of(Named.of("plaintext", KafkaServer.shared())),
                Arguments.of(Named.of("SASL_SSL", KafkaServer.sharedSecured())));
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void boundedRunsWriteEachAlertAndDeadLetterExactlyOnce(KafkaServer kafka) throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String prefix = "jobit-" + System.nanoTime();
        String processTopic = prefix + ".process-events";
        // The job's user may not create topics on the secured broker: the admin makes them as an operator would.
        kafka.prepareJob(prefix);
        produce(kafka, processTopic, List.of(
                exec("e1", "2026-11-28T06:12:44.318Z", PAYMENTS, "nc", "nc", "-lvnp", "4444"),
                exec("e2", "2026-11-28T06:12:45Z", PAYMENTS, "nc", "nc", "-z", "db", "5432"),
                exec("e3", "2026-11-28T06:13:00Z", REPORTS, "busybox", "busybox", "nc", "-l", "-p", "9001"),
                "this is not JSON",
                "{\"event\":{\"id\":\"no-time\"}}"));

        // The runs on both brokers raise the same alert ids: each writes to a namespace of its own.
        String namespace = NAMESPACE + (kafka.isSecured() ? "secured" : "");
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, BoundedRunSettings.of(prefix, namespace, kafka, es));
        NcwatchJob.runJob(config);

        String alertsIndex = "logs-ncwatch.alerts-" + namespace;
        String deadLetterIndex = "logs-ncwatch.deadletter-" + namespace;
        String e1 = AlertId.of(SEED_RULE_ID, "event.id:e1", Stage.RULE);
        String e3 = AlertId.of(SEED_RULE_ID, "event.id:e3", Stage.RULE);
        Map<String, JsonNode> alerts = es.documents(alertsIndex);
        assertThat(alerts).containsOnlyKeys(e1, e3);
        assertThat(alerts.get(e1).at("/message").asText()).isEqualTo("Netcat Listener Established Inside A Container"
                + " in container payments-api (8c4b2f9e6a1d) started by bash: nc -lvnp 4444");
        assertThat(alerts.get(e1).at("/ncwatch/source_event/topic").asText()).isEqualTo(processTopic);
        assertThat(alerts.get(e3).at("/process/args/1").asText()).isEqualTo("nc");
        assertThat(alerts.values()).extracting(a -> a.at("/event/kind").asText(), a -> a.at("/rule/id").asText())
                .containsOnly(tuple("alert", SEED_RULE_ID));

        assertThat(es.documents(deadLetterIndex).values())
                .extracting(d -> d.at("/error/type").asText(), d -> d.at("/event/original").asText())
                .containsExactlyInAnyOrder(
                        tuple("NOT_JSON", "this is not JSON"),
                        tuple("MISSING_TIMESTAMP", "{\"event\":{\"id\":\"no-time\"}}"));

        assertThat(kafka.readCommitted(prefix + ".alerts")).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(e1, e3);
        assertThat(kafka.readCommitted(prefix + ".deadletter")).hasSize(2);

        NcwatchJob.runJob(config);

        assertThat(es.documents(alertsIndex)).containsOnlyKeys(e1, e3);
        assertThat(es.count(deadLetterIndex)).isEqualTo(2);
    }

    @Test
    void aSequenceRuleRaisesOneAlertInElasticsearchAndKafkaExactlyOnce(@TempDir Path dir) throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        ElasticsearchServer es = ElasticsearchServer.shared();
        String prefix = "jobit-seq-" + System.nanoTime();
        String namespace = NAMESPACE + "seq";
        kafka.createTopic(prefix + ".process-events", 2);
        produce(kafka, prefix + ".process-events", SequenceTraffic.downloadRunDelete("c1", "c9").stream()
                .map(record -> new String(record.json, StandardCharsets.UTF_8)).toList());
        Path rule = Files.writeString(dir.resolve("download-then-run.toml"), """
                [rule]
                rule_id = "download-then-run"
                name = "Download then run"
                description = "A file is created, then run"
                severity = "high"
                risk_score = 73
                language = "eql"
                query = '''
                sequence by container.id with maxspan=5s
                  [file where event.action == "creation"] by file.path
                  [process where true] by process.executable
                '''
                """);
        Map<String, String> settings = BoundedRunSettings.of(prefix, namespace, kafka, es);
        settings.put("rules", "rule.toml;" + rule);
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, settings);

        NcwatchJob.runJob(config);

        String id = AlertId.ofSequence("download-then-run", List.of("event.id:c1-f1", "event.id:c1-p3"));
        String alertsIndex = "logs-ncwatch.alerts-" + namespace;
        Map<String, JsonNode> alerts = es.documents(alertsIndex);
        assertThat(alerts).containsOnlyKeys(id);
        assertThat(alerts.get(id).at("/ncwatch/sequence/events"))
                .extracting(member -> member.at("/event_id").asText(), member -> member.at("/@timestamp").asText())
                .containsExactly(tuple("c1-f1", "2026-11-28T06:12:00.100Z"), tuple("c1-p3", "2026-11-28T06:12:00.500Z"));
        assertThat(kafka.readCommitted(prefix + ".alerts")).extracting(ConsumerRecord::key).containsExactly(id);

        NcwatchJob.runJob(config);

        assertThat(es.documents(alertsIndex)).containsOnlyKeys(id);
    }

    static void produce(KafkaServer kafka, String topic, List<String> values) {
        Properties config = new Properties();
        config.putAll(kafka.clientProperties());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value));
            }
        }
    }
}
