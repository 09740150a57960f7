package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ncwatch.testing.KafkaServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceCommandIT {

    private static final String LISTENER = "{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"container\":{\"id\":\"c1\"},\"process\":{\"name\":\"nc\"}}";
    private static final String DOTTED = "{\"@timestamp\":\"2024-05-01T10:00:01Z\",\"container.id\":\"c2\"}";
    private static final String NOT_JSON = "not json at all";

    private final KafkaServer kafka = KafkaServer.shared();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void sendsEachLineToANewTopicKeyedByContainer() throws Exception {
        Path events = Files.writeString(dir.resolve("events.jsonl"), LISTENER + "\n\n" + DOTTED + "\n" + NOT_JSON + "\n");

        int status = produce(System.in, "--kafka", kafka.bootstrapServers(), "--topic", "produce-it.new",
                "--events", events.toString(), "--partitions", "3");

        assertThat(status).as(err.toString()).isEqualTo(ProduceCommand.SENT);
        assertThat(out.toString())
                .contains("created topic produce-it.new with 3 partitions")
                .contains("3 records written to produce-it.new (2 keyed by container.id)");
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeTopics(List.of("produce-it.new")).allTopicNames().get()
                    .get("produce-it.new").partitions()).hasSize(3);
        }
        assertThat(kafka.readCommitted("produce-it.new"))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(tuple("c1", LISTENER), tuple("c2", DOTTED), tuple(null, NOT_JSON));
    }

    @Test
    void appendsToAnExistingTopicFromStandardInput() {
        kafka.createTopic("produce-it.existing", 1);
        byte[] lines = (LISTENER + "\n" + LISTENER + "\n").getBytes(StandardCharsets.UTF_8);

        int status = produce(new ByteArrayInputStream(lines), "--kafka", kafka.bootstrapServers(),
                "--topic", "produce-it.existing", "--events", "-");

        assertThat(status).as(err.toString()).isEqualTo(ProduceCommand.SENT);
        assertThat(out.toString()).doesNotContain("created").contains("2 records written");
        assertThat(kafka.readCommitted("produce-it.existing")).extracting(ConsumerRecord::value)
                .containsExactly(LISTENER, LISTENER);
    }

    @Test
    void aMissingFileIsAUsageError() {
        int status = produce(System.in, "--kafka", kafka.bootstrapServers(), "--topic", "produce-it.never",
                "--events", dir.resolve("missing.jsonl").toString());

        assertThat(status).isEqualTo(ProduceCommand.USAGE);
        assertThat(err.toString()).contains("no such file");
    }

    private int produce(InputStream stdin, String... args) {
        return Main.execute(new ProduceCommand(stdin, new PrintStream(out, true), new PrintStream(err, true)), out, err, args);
    }
}
