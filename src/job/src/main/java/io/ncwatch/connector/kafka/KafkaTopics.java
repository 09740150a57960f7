package io.ncwatch.connector.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a job reads and writes when they are missing, with the broker's default settings. */
public final class KafkaTopics {
    /**
     * In-flight requests per connection for a producer that may write to a partition that has never held a
     * record, such as one {@link #ensure} has just made. A Kafka 4.2 broker takes whatever first sequence
     * number an idempotent producer sends such a partition: when the first request fails because the broker
     * has not yet applied the topic's creation (NOT_LEADER_OR_FOLLOWER) and the second, sent behind it,
     * arrives after, the second is written and every retry of the first fails with OUT_OF_ORDER_SEQUENCE_NUMBER
     * until its records expire, lost (KAFKA-15591, fixed in Kafka 4.5). A request sent alone cannot be overtaken.
     */
    public static final int MAX_IN_FLIGHT_FOR_NEW_TOPICS = 1;

    /** How long an answer of the broker may take. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {}

    /** Creates those of {@code topics} that do not exist, with the broker's default number of partitions. */
    public static Set<String> ensure(String bootstrapServers, Collection<String> topics) throws InterruptedException {
        return ensure(bootstrapServers, topics, Optional.empty());
    }

    /**
     * Creates those of {@code topics} that do not exist, with {@code partitions} (else the broker's default);
     * a topic someone else creates meanwhile counts as existing.
     *
     * @return the topics this call created
     * @throws IllegalStateException with the broker's reason when it creates none or cannot be reached
     */
    public static Set<String> ensure(String bootstrapServers, Collection<String> topics, Optional<Integer> partitions)
            throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : new TreeSet<>(topics)) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, Optional.empty()));
                }
            }
            Set<String> created = new TreeSet<>();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get();
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create Kafka topics " + topics + " at " + bootstrapServers
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
