package io.ncwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaServerIT {

    private final KafkaServer kafka = KafkaServer.shared();

    @Test
    void hasTheTopicsOfTheStack() throws Exception {
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get())
                    .contains("ncwatch.process-events", "ncwatch.network-events", "ncwatch.alerts", "ncwatch.deadletter");
            assertThat(admin.describeTopics(List.of("ncwatch.process-events"))
                    .allTopicNames().get().get("ncwatch.process-events").partitions()).hasSize(2);
        }
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnly() {
        kafka.createTopic("stack-it.transactions", 2);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stack-it");
        // What Flink's KafkaSink asks for by default: the broker must allow it.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 3_600_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("stack-it.transactions", 0, "c1", "committed 1"));
            producer.send(new ProducerRecord<>("stack-it.transactions", 1, "c2", "committed 2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("stack-it.transactions", 0, "c1", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }

        assertThat(kafka.readCommitted("stack-it.transactions"))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(
                        tuple("c1", "committed 1"),
                        tuple("c2", "committed 2"));
    }
}
