package io.ncwatch.connector.kafka;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the Kafka sources and sinks reach the cluster and keep their guarantees.
 *
 * @param bounded read from the earliest offsets up to those that exist at the start, then finish
 * @param transactionalIdPrefix transactional ids must be unique per sink among all jobs writing to the cluster
 * @param transactionTimeout at most the broker's {@code transaction.max.timeout.ms} (15 min by default)
 */
public record KafkaSettings(String bootstrapServers, String groupId, boolean bounded, String transactionalIdPrefix,
        Duration transactionTimeout) implements Serializable {}
