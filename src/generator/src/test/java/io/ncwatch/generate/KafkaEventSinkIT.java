package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.testing.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaEventSinkIT {
    private final KafkaServer kafka = KafkaServer.shared();

    @Test
    void sendsEachKindToItsTopicKeyedByContainerCreatingTheTopics() throws Exception {
        FleetOptions options = FleetOptions.builder().seed(21).containers(20).events(2_000).rate(20)
                .scenarios(Scenario.BIND_SHELL).build();
        List<String> process = new ArrayList<>();
        List<String> network = new ArrayList<>();
        GenerationResult result;
        try (KafkaEventSink kafkaSink = new KafkaEventSink(kafka.clientProperties(), "gen-it.process", "gen-it.network")) {
            result = new FleetGenerator(options).generate((kind, key, json) -> {
                (kind == EventKind.PROCESS ? process : network).add(key + " " + new String(json, StandardCharsets.UTF_8));
                kafkaSink.accept(kind, key, json);
            });
        }

        // Partitions keep each container's order, not the order across containers.
        assertThat(byContainer(records("gen-it.process"))).isEqualTo(byContainer(process));
        assertThat(byContainer(records("gen-it.network"))).isEqualTo(byContainer(network));
        assertThat(process).hasSize((int) result.processEvents());
        assertThat(network).hasSize((int) result.networkEvents()).isNotEmpty();
    }

    private static Map<String, List<String>> byContainer(List<String> keyedEvents) {
        return keyedEvents.stream().collect(Collectors.groupingBy(line -> line.substring(0, line.indexOf(' '))));
    }

    private List<String> records(String topic) {
        return kafka.readCommitted(topic).stream()
                .map((ConsumerRecord<String, String> r) -> r.key() + " " + r.value())
                .toList();
    }
}
