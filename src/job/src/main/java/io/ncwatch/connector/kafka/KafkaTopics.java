package io.ncwatch.connector.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics a job reads and writes, checked before it starts: created when missing, with the broker's default
 * settings, and readable or writable by the job's user; a refusal names the setting to look at.
 */
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

    private static final String USER = "the user of " + KafkaSecurity.USERNAME.key();

    /** How long an answer of the broker may take. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {}

    /**
     * Creates those of {@code topics} that do not exist, with the broker's default number of partitions.
     *
     * @param client the properties of a client of the cluster ({@link KafkaSettings#clientProperties})
     */
    public static Set<String> ensure(Map<String, String> client, Collection<String> topics) throws InterruptedException {
        return ensure(client, topics, Optional.empty());
    }

    /**
     * Creates those of {@code topics} that do not exist, with {@code partitions} (else the broker's default);
     * a topic someone else creates meanwhile counts as existing.
     *
     * @return the topics this call created
     * @throws IllegalStateException with the broker's reason when it creates none or cannot be reached
     */
    public static Set<String> ensure(Map<String, String> client, Collection<String> topics, Optional<Integer> partitions)
            throws InterruptedException {
        return ensure(client, topics, partitions, Map.of());
    }

    /** As {@link #ensure(Map, Collection, Optional)}, the topics it creates with the topic {@code configs} given. */
    public static Set<String> ensure(Map<String, String> client, Collection<String> topics, Optional<Integer> partitions,
            Map<String, String> configs) throws InterruptedException {
        try (Admin admin = admin(client)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : new TreeSet<>(topics)) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, Optional.empty()).configs(configs));
                }
            }
            Set<String> created = new TreeSet<>();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get();
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw refusal("cannot create Kafka topic " + result.getKey(), client, e.getCause());
                    }
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw refusal("cannot list Kafka topics", client, e.getCause());
        }
    }

    /**
     * Fails unless the client's user may read {@code reads} and write {@code writes}, as the brokers' ACLs say
     * (a broker without an authorizer allows everything): a job that may not write its outputs stops at start
     * instead of failing each checkpoint.
     *
     * @throws IllegalStateException naming each topic and the operation the user lacks
     */
    public static void requireAccess(Map<String, String> client, Collection<String> reads, Collection<String> writes)
            throws InterruptedException {
        Map<String, AclOperation> wanted = new HashMap<>();
        reads.forEach(topic -> wanted.put(topic, AclOperation.READ));
        writes.forEach(topic -> wanted.put(topic, AclOperation.WRITE));
        try (Admin admin = admin(client)) {
            Map<String, TopicDescription> topics = admin.describeTopics(wanted.keySet(),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true)).allTopicNames().get();
            List<String> denied = new ArrayList<>();
            for (var topic : new TreeSet<>(wanted.keySet())) {
                Set<AclOperation> allowed = topics.get(topic).authorizedOperations();
                if (allowed != null && !allowed.contains(wanted.get(topic)) && !allowed.contains(AclOperation.ALL)) {
                    denied.add(wanted.get(topic) + " " + topic);
                }
            }
            if (!denied.isEmpty()) {
                throw new IllegalStateException("the Kafka ACLs at " + client.get("bootstrap.servers") + " do not let "
                        + USER + " " + String.join(", ", denied).toLowerCase(Locale.ROOT)
                        + ": grant it, or set the job's topics to ones it may use");
            }
        } catch (ExecutionException e) {
            throw refusal("cannot describe Kafka topics " + wanted.keySet(), client, e.getCause());
        }
    }

    private static Admin admin(Map<String, String> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return Admin.create(config);
    }

    /** What went wrong, with the setting that decides it: never a credential, which the client does not hold here. */
    private static IllegalStateException refusal(String what, Map<String, String> client, Throwable cause) {
        String at = what + " at " + client.get("bootstrap.servers") + ": ";
        String hint = "";
        if (cause instanceof SaslAuthenticationException) {
            hint = " (check " + KafkaSecurity.USERNAME.key() + " and " + KafkaSecurity.PASSWORD.key() + ")";
        } else if (cause instanceof SslAuthenticationException) {
            hint = " (check " + KafkaSecurity.TRUSTSTORE.key() + ": the brokers' certificates must be signed by a CA it"
                    + " holds and name the host)";
        } else if (cause instanceof AuthorizationException) {
            hint = " (the ACLs do not let " + USER + " do this)";
        }
        return new IllegalStateException(at + cause.getMessage() + hint, cause);
    }
}
