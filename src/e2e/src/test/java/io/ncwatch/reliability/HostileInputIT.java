package io.ncwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.alert.AlertId;
import io.ncwatch.generate.EventKind;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.Stage;
import io.ncwatch.reliability.HostileRecords.Hostile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 malformed and hostile records mixed into valid fleet traffic: the job (with no restart
 * strategy, so one failure ends it) finishes; every bad record is a dead letter with its reason, at its
 * position; the counts add up; the attacks in the valid traffic and the hostile-but-valid listeners are
 * all alerted, and nothing else.
 */
class HostileInputIT {
    private static final JobMetrics METRICS = new JobMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(METRICS.addTo(new Configuration()));

    private static final long SEED = 4242L;
    private static final int HOSTILE = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A broker of this test's own, which it loads with 10 MB records. */
    @RegisterExtension
    static final DedicatedKafka KAFKA = new DedicatedKafka("hostile");

    @Test
    void badInputBecomesDeadLettersAndTheAttacksAreStillAlerted() throws Exception {
        Figures figures = new Figures("hostile input");
        FaultRun run = new FaultRun("hostile", KAFKA.broker());
        List<byte[]> valid = new ArrayList<>();
        List<String> validTopics = new ArrayList<>();
        List<String> validKeys = new ArrayList<>();
        GenerationResult traffic = new FleetGenerator(FleetOptions.builder().scenarios(FaultRun.SCENARIOS).seed(SEED)
                .containers(200).events(20_000).attackRate(0.01).build()).generate((kind, containerId, json) -> {
                    valid.add(json);
                    validTopics.add(kind == EventKind.PROCESS ? run.processTopic : run.networkTopic);
                    validKeys.add(containerId);
                });
        assertThat(traffic.truth()).as("attacks in the valid traffic").extracting(ExpectedAlert::stage)
                .contains(Stage.RULE, Stage.CONNECTION, Stage.SHELL);
        // Seeded places for the bad records among the valid events: how many valid events come before each.
        Random mix = new Random(SEED);
        List<Integer> validBefore = new ArrayList<>(HOSTILE);
        int validPlaced = 0;
        while (validPlaced < valid.size() || validBefore.size() < HOSTILE) {
            int left = valid.size() - validPlaced + HOSTILE - validBefore.size();
            if (mix.nextInt(left) < HOSTILE - validBefore.size()) {
                validBefore.add(validPlaced);
            } else {
                validPlaced++;
            }
        }
        List<Hostile> hostile = new HostileRecords(SEED).make(validBefore.stream().map(n -> valid.get(Math.max(0, n - 1))).toList());

        // Valid events in their order, the bad ones between them, into the process topic.
        Map<Future<RecordMetadata>, Hostile> sent = new HashMap<>();
        try (FaultRun.Producer producer = run.new Producer()) {
            int nextValid = 0;
            for (int k = 0; k <= HOSTILE; k++) {
                int until = k < HOSTILE ? validBefore.get(k) : valid.size();
                for (; nextValid < until; nextValid++) {
                    producer.send(validTopics.get(nextValid), validKeys.get(nextValid), valid.get(nextValid));
                }
                if (k < HOSTILE) {
                    sent.put(producer.send(run.processTopic, null, hostile.get(k).bytes()), hostile.get(k));
                }
            }
        }
        Map<String, Hostile> byPosition = new HashMap<>();
        for (Map.Entry<Future<RecordMetadata>, Hostile> record : sent.entrySet()) {
            RecordMetadata position = record.getKey().get();
            byPosition.put(position.topic() + "/" + position.partition() + "/" + position.offset(), record.getValue());
        }

        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        long started = System.currentTimeMillis();
        JobClient job = FaultRun.start(run.config(Map.of()), flink, UnaryOperator.identity());
        job.getJobExecutionResult().get();
        JobID id = job.getJobID();

        // Every bad record is a dead letter at its position with its reason, and nothing else is.
        List<ConsumerRecord<String, String>> committed = run.kafka.readCommitted(run.deadLetterTopic);
        // Stamped with the time they were written: event time, days old, would have them deleted by retention.
        long stampedBeforeTheRun = committed.stream().filter(record -> record.timestamp() < started).count();
        Map<String, String> deadLetters = new HashMap<>();
        for (ConsumerRecord<String, String> record : committed) {
            JsonNode letter = deadLetter(record);
            String position = position(letter);
            assertThat(deadLetters.put(position, letter.get("reason").asText())).as("dead letters of " + position).isNull();
        }
        Map<String, String> expectedDeadLetters = byPosition.entrySet().stream()
                .filter(entry -> entry.getValue().reason() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().reason()));
        // What went wrong, counted by kind of record and outcome; a missing letter that the log holds was
        // written in a transaction that did not commit.
        Set<String> inTheLog = expectedDeadLetters.keySet().stream().allMatch(deadLetters::containsKey) ? Set.of()
                : positions(run.kafka.readUncommitted(run.deadLetterTopic));
        Map<String, Long> wrong = new TreeMap<>();
        expectedDeadLetters.forEach((position, reason) -> {
            if (!reason.equals(deadLetters.get(position))) {
                String got = deadLetters.containsKey(position) ? deadLetters.get(position)
                        : inTheLog.contains(position) ? "none committed (an uncommitted one in the log)" : "none in the log";
                wrong.merge(byPosition.get(position).kind() + ": expected " + reason + ", got " + got, 1L, Long::sum);
            }
        });
        deadLetters.forEach((position, reason) -> {
            if (!expectedDeadLetters.containsKey(position)) {
                Hostile record = byPosition.get(position);
                wrong.merge((record == null ? "valid event" : record.kind()) + ": expected none, got " + reason, 1L, Long::sum);
            }
        });
        Map<String, Long> inElasticsearch = run.copiesById(run.deadLetterIndex(), "ncwatch.deadletter.reason");
        Map<String, Long> byReason = expectedDeadLetters.values().stream()
                .collect(Collectors.groupingBy(reason -> reason, TreeMap::new, Collectors.counting()));

        // The counts add up: read = judged + dead-lettered (the job drops nothing by policy).
        long read = METRICS.sum(id, "eventsIn");
        long judged = METRICS.sum(id, "eventsDecoded");
        Map<String, Long> deadLettered = METRICS.group(id, "deadLettered");
        long deadLetteredTotal = deadLettered.values().stream().mapToLong(Long::longValue).sum();

        Set<String> expectedAlerts = new HashSet<>(FaultRun.expectedAlertIds(traffic.truth()));
        hostile.stream().filter(record -> record.alertEventId() != null).forEach(record -> expectedAlerts.add(
                AlertId.of(ExpectedAlert.SEED_RULE_ID, "event.id:" + record.alertEventId(), Stage.RULE)));
        AlertTally alerts = AlertTally.of("Elasticsearch", expectedAlerts, run.alertsInElasticsearch());
        figures.put("events", valid.size() + hostile.size()).put("bad records tried", hostile.size())
                .put("dead letters", deadLetters.size()).put("by reason", byReason)
                .put("read", read).put("judged", judged).put("dead-lettered", deadLetteredTotal)
                .put("alerts", alerts).print();

        // Every check is reported, so that a failure shows where records went missing: Kafka, Elasticsearch, both.
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(wrong).as("records with a wrong or missing dead letter on Kafka").isEmpty();
            softly.assertThat(stampedBeforeTheRun).as("dead letters on Kafka stamped before the run").isZero();
            softly.assertThat(inElasticsearch).as("dead letters in Elasticsearch by reason").isEqualTo(byReason);
            softly.assertThat(read).isEqualTo(valid.size() + hostile.size());
            softly.assertThat(read).as("read = judged + dead-lettered").isEqualTo(judged + deadLetteredTotal);
            softly.assertThat(deadLettered).as("dead-lettered, by reason (metrics)").isEqualTo(byReason);
            softly.assertThat(alerts.exact()).as(alerts.toString()).isTrue();
        });
    }

    private static JsonNode deadLetter(ConsumerRecord<String, String> record) throws IOException {
        return JSON.readTree(record.value()).at("/ncwatch/deadletter");
    }

    /** Where the record that a dead letter names was read: topic/partition/offset. */
    private static String position(JsonNode letter) {
        return letter.get("topic").asText() + "/" + letter.get("partition").asLong() + "/" + letter.get("offset").asLong();
    }

    private static Set<String> positions(List<ConsumerRecord<String, String>> records) throws IOException {
        Set<String> positions = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            positions.add(position(deadLetter(record)));
        }
        return positions;
    }
}
