package io.ncwatch.bench;

import io.ncwatch.testing.KafkaServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@link Traffic} into a Kafka topic of as many partitions, each partition's events to the same partition, in order. */
final class KafkaTraffic {
    private KafkaTraffic() {}

    /** A new topic; with {@code logAppendTime} its records carry the time they arrived at the broker. */
    static String createTopic(KafkaServer kafka, String prefix, int partitions, boolean logAppendTime) throws Exception {
        String topic = prefix + "-" + System.currentTimeMillis();
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty());
        if (logAppendTime) {
            newTopic.configs(Map.of("message.timestamp.type", "LogAppendTime"));
        }
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(newTopic)).all().get();
        }
        return topic;
    }

    /**
     * Sends the first {@code events} events, taking the partitions in turns, at {@code rate} events a
     * second in 5 ms steps (0: as fast as Kafka takes them); returns when all are acknowledged.
     */
    static void produce(KafkaServer kafka, String topic, Traffic traffic, long events, int rate, Callback acknowledged)
            throws InterruptedException {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, rate == 0 ? 20 : 2);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        byte[][][] partitions = traffic.partitions();
        int[] next = new int[partitions.length];
        long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (sent < events) {
                long due = rate == 0 ? events : (System.nanoTime() - start) * rate / 1_000_000_000L + 1;
                while (sent < Math.min(due, events)) {
                    int p = (int) (sent % partitions.length);
                    while (next[p] >= partitions[p].length) {
                        p = (p + 1) % partitions.length;
                    }
                    producer.send(new ProducerRecord<>(topic, p, null, partitions[p][next[p]++]), acknowledged);
                    sent++;
                }
                if (rate != 0) {
                    Thread.sleep(5);
                }
            }
            producer.flush();
        }
    }
}
