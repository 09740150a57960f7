package io.ncwatch.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.connector.kafka.KafkaTopics;
import io.ncwatch.generate.EventKind;
import io.ncwatch.generate.ExpectedAlert;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.Scenario;
import io.ncwatch.job.BoundedRunSettings;
import io.ncwatch.job.JobConfig;
import io.ncwatch.job.NcwatchJob;
import io.ncwatch.record.RawEvent;
import io.ncwatch.testing.Await;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One fault test's job against the shared real Kafka and Elasticsearch: topics, data streams, consumer
 * group and transactional ids of its own, so that tests never see each other's records.
 */
final class FaultRun {
    /** The largest record the tests produce (hostile input holds 10 MB strings); the broker's default is 1 MB. */
    static final int MAX_RECORD_BYTES = 16 << 20;

    private static final AtomicLong RUNS = new AtomicLong();

    /**
     * The attack scenarios of the fault tests' traffic: all but {@link Scenario#LATE}, whose ground truth
     * (no correlated alert) holds for one stream in order. Split over topics and partitions, each with a
     * watermark of its own, whether its connection is late depends on what else its partition holds, and
     * after a restore (watermarks are not checkpointed) on where the replay starts. CorrelationJobTest
     * covers late events, over one ordered stream.
     */
    static final List<Scenario> SCENARIOS = Arrays.stream(Scenario.values()).filter(s -> s != Scenario.LATE).toList();

    /** The runs of the test class under way, whose topics {@link #deleteOutputs} deletes. */
    private static final List<FaultRun> UNDER_WAY = new ArrayList<>();

    final KafkaServer kafka;
    final ElasticsearchServer elasticsearch = ElasticsearchServer.shared();
    /** Lower-case letters and digits: also the data streams' namespace, which allows no '-'. */
    final String name;
    final String processTopic;
    final String networkTopic;
    final String alertsTopic;
    final String deadLetterTopic;

    /** A run on the shared broker with topics of its own for input and output. */
    FaultRun(String test) {
        this(test, KafkaServer.shared(), null);
    }

    /** A run on KAFKA with topics of its own for input and output. */
    FaultRun(String test, KafkaServer kafka) {
        this(test, kafka, null);
    }

    /** A run that reads the input topics of INPUT and writes outputs of its own. */
    FaultRun(String test, FaultRun input) {
        this(test, input.kafka, input);
    }

    private FaultRun(String test, KafkaServer kafka, FaultRun input) {
        this.kafka = kafka;
        name = test + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + RUNS.incrementAndGet();
        processTopic = input == null ? name + ".process-events" : input.processTopic;
        networkTopic = input == null ? name + ".network-events" : input.networkTopic;
        alertsTopic = name + ".alerts";
        deadLetterTopic = name + ".deadletter";
        List<NewTopic> topics = new ArrayList<>(List.of(
                new NewTopic(alertsTopic, 1, (short) 1), new NewTopic(deadLetterTopic, 1, (short) 1)));
        if (input == null) {
            topics.add(new NewTopic(processTopic, 2, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(MAX_RECORD_BYTES))));
            topics.add(new NewTopic(networkTopic, 2, (short) 1));
        }
        try (Admin admin = kafka.admin()) {
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the topics of " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        kafka.grantJob(name);
        UNDER_WAY.add(this);
    }

    /**
     * Deletes the topics of the runs made since the last call: tests call it when done, so that the shared
     * broker holds nothing of them for later tests. Their data streams stay: the test Elasticsearch (the
     * minimal distribution) has no API to delete a data stream, and each run's namespace is its own.
     */
    static void deleteOutputs() {
        for (FaultRun run : UNDER_WAY) {
            run.kafka.deleteTopics(List.of(run.processTopic, run.networkTopic, run.alertsTopic, run.deadLetterTopic));
        }
        UNDER_WAY.clear();
    }

    String alertsIndex() {
        return "logs-ncwatch.alerts-" + name;
    }

    String deadLetterIndex() {
        return "logs-ncwatch.deadletter-" + name;
    }

    /**
     * The flagship job over this run's topics, bounded (it reads what the topics hold when it starts,
     * then finishes), checkpointing every 2 s; {@code settings} override or add job.yaml settings.
     */
    JobConfig config(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(jobArguments());
        all.putAll(settings);
        return JobConfig.load(NcwatchJob.DEFAULT_JOB, all);
    }

    /** The job.yaml settings of this run, as dotted paths. */
    Map<String, String> jobArguments() {
        Map<String, String> settings = BoundedRunSettings.of(name, name, kafka, elasticsearch);
        settings.put("kafka.topics.process", processTopic);
        settings.put("kafka.topics.network", networkTopic);
        settings.put("kafka.create-topics", "false");
        settings.put("checkpoints.interval", "2s");
        return settings;
    }

    /**
     * Starts the job as {@link NcwatchJob#runJob} runs it, in the Flink of the test (its MiniCluster),
     * with {@code rawEvents} applied to the events between the sources and decoding.
     *
     * @param flink settings of the test: restart strategy, savepoint to restore, ...
     */
    static JobClient start(JobConfig config, Configuration flink, UnaryOperator<DataStream<RawEvent>> rawEvents) throws Exception {
        return NcwatchJob.build(config, flink, rawEvents).executeAsync(NcwatchJob.jobName(config));
    }

    /** Fleet traffic with attacks, seeded: 20,000 events from 200 containers, about 4 minutes of event time. */
    static FleetOptions traffic(long seed, Instant start) {
        return FleetOptions.builder().scenarios(SCENARIOS).seed(seed).start(start).containers(200).events(20_000).attackRate(0.005).build();
    }

    /**
     * Produces ordinary traffic of the fleet (no attacks; about 25 s of event time) from START, after an
     * unbounded run's last batch: the watermark trails the newest event by the out-of-orderness bound
     * (5 s), and the correlation raises a connection or shell alert only once the watermark has passed
     * it, so an attack at the very end of the input is confirmed only when event time moves on, as a
     * live fleet's traffic moves it. Returns its ground truth.
     */
    GenerationResult produceQuietTraffic(Instant start) {
        return produceGenerated(FleetOptions.builder().seed(start.getEpochSecond()).start(start).containers(200).events(2_000).build());
    }

    /** Generates a fleet's traffic into this run's topics, keyed by container id; returns its ground truth. */
    GenerationResult produceGenerated(FleetOptions options) {
        try (Producer producer = new Producer()) {
            return new FleetGenerator(options).generate((kind, containerId, json) ->
                    producer.send(kind == EventKind.PROCESS ? processTopic : networkTopic, containerId, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the alerts the ground truth says the job must raise (as {@link ExpectedAlert#alertId} computes them). */
    static Set<String> expectedAlertIds(List<ExpectedAlert> truth) {
        return truth.stream()
                .map(ExpectedAlert::alertId)
                .collect(Collectors.toSet());
    }

    /**
     * Waits until every one of {@code expected} is in Elasticsearch and on the alerts topic; past
     * {@code limit}, fails with what each holds of them.
     */
    void awaitEveryAlert(Set<String> expected, Duration limit) {
        Await.until("every alert is in Elasticsearch and on Kafka", limit,
                () -> alertsInElasticsearch().keySet().containsAll(expected) && alertsInKafka().keySet().containsAll(expected),
                () -> AlertTally.of("Elasticsearch", expected, alertsInElasticsearch()) + "; "
                        + AlertTally.of("Kafka read_committed", expected, alertsInKafka()));
    }

    /** Alert id to the number of documents with that id in this run's alerts data stream. */
    Map<String, Long> alertsInElasticsearch() {
        return copiesById(alertsIndex(), "event.id");
    }

    /** Alert id (the record key) to the number of records with that key on the alerts topic, read with {@code read_committed}. */
    Map<String, Long> alertsInKafka() {
        return kafka.readCommitted(alertsTopic).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    }

    /**
     * Documents per value of FIELD in INDEX, over all its backing indices, after a refresh: a terms
     * aggregation, so more documents than a search returns are counted. None while INDEX does not exist.
     */
    Map<String, Long> copiesById(String index, String field) {
        elasticsearch.request("POST", "/" + index + "/_refresh?ignore_unavailable=true", null);
        JsonNode answer = elasticsearch.request("POST", "/" + index + "/_search?size=0&ignore_unavailable=true",
                "{\"track_total_hits\":true,\"aggs\":{\"values\":{\"terms\":{\"field\":\"" + field + "\",\"size\":65000}}}}");
        Map<String, Long> copies = new HashMap<>();
        for (JsonNode bucket : answer.at("/aggregations/values/buckets")) {
            copies.put(bucket.get("key").asText(), bucket.get("doc_count").asLong());
        }
        long total = answer.at("/hits/total/value").asLong();
        long counted = copies.values().stream().mapToLong(Long::longValue).sum();
        if (total != counted) {
            throw new IllegalStateException(index + " holds " + total + " documents, the aggregation counted " + counted);
        }
        return copies;
    }

    /** A Kafka producer for the tests' input: acknowledged by the broker before {@link #close} returns. */
    final class Producer implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private final List<Future<RecordMetadata>> sent = new ArrayList<>();

        Producer() {
            Properties config = new Properties();
            config.putAll(kafka.clientProperties());
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES + 1024);
            config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_RECORD_BYTES);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, KafkaTopics.MAX_IN_FLIGHT_FOR_NEW_TOPICS);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }

        /** Sends one record; KEY may be null (then the partitioner spreads them). */
        Future<RecordMetadata> send(String topic, String key, byte[] value) {
            return send(new ProducerRecord<>(topic, key, value));
        }

        /** Sends one record without a key to PARTITION of TOPIC. */
        Future<RecordMetadata> send(String topic, int partition, byte[] value) {
            return send(new ProducerRecord<>(topic, partition, null, value));
        }

        private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            Future<RecordMetadata> future = producer.send(record);
            sent.add(future);
            return future;
        }

        @Override
        public void close() {
            producer.flush();
            try {
                for (Future<RecordMetadata> future : sent) {
                    future.get();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused a test record", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                producer.close();
            }
        }
    }
}
