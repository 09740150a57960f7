import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * {@code java -cp 'kafka-jars/*' KafkaTopics.java HOST:PORT TOPICS_FILE}, run by bin/stack: waits
 * until the broker answers a metadata request, then creates the topics of TOPICS_FILE (lines of
 * "name partitions", # comments) that are missing. Exit 0 when all exist.
 */
public class KafkaTopics {

    public static void main(String[] args) throws Exception {
        Map<String, Integer> wanted = read(Path.of(args[1]));
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get();
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.entrySet().stream()
                    .filter(topic -> !existing.contains(topic.getKey()))
                    .map(topic -> new NewTopic(topic.getKey(), Optional.of(topic.getValue()), Optional.empty()))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get();
                    System.out.println("kafka: created topic " + result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static Map<String, Integer> read(Path file) throws IOException {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length != 2 || !fields[1].matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException(file + ": expected 'name partitions', got: " + line);
            }
            topics.put(fields[0], Integer.parseInt(fields[1]));
        }
        return topics;
    }
}
