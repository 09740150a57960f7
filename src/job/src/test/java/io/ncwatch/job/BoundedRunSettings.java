package io.ncwatch.job;

import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Job settings for a bounded run of a test against the test Kafka and Elasticsearch. */
public final class BoundedRunSettings {
    private BoundedRunSettings() {}

    /**
     * The flagship job's settings (dotted job.yaml paths) for a run whose topics, consumer group and
     * transactional ids are named after {@code name}, writing to the namespace {@code namespace}, as the user
     * ncwatch on a secured broker (which must {@link KafkaServer#grantJob grant} it the job); callers may
     * change any entry.
     */
    public static Map<String, String> of(String name, String namespace, KafkaServer kafka, ElasticsearchServer es) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.putAll(kafka.jobSettings());
        settings.put("kafka.topics.process", name + ".process-events");
        settings.put("kafka.topics.network", name + ".network-events");
        settings.put("kafka.topics.alerts", name + ".alerts");
        settings.put("kafka.topics.deadletter", name + ".deadletter");
        settings.put("kafka.group-id", name);
        settings.put("kafka.transactional-id-prefix", name);
        settings.put("kafka.bounded", "true");
        settings.put("elasticsearch.url", es.url());
        settings.put("elasticsearch.namespace", namespace);
        settings.put("checkpoints.interval", "1s");
        return settings;
    }
}
