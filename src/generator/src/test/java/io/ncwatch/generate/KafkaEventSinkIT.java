package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.testing.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
            assertThatThrownBy(() -> kafkaSink.accept(EventKind.AUDIT, "a-pod", new byte[] {'{', '}'}))
                    .hasMessageContaining("no topic given for AUDIT events");
        }

        // Partitions keep each container's order, not the order across containers.
        assertThat(byKey(records("gen-it.process"))).isEqualTo(byKey(process));
        assertThat(byKey(records("gen-it.network"))).isEqualTo(byKey(network));
        assertThat(process).hasSize((int) result.processEvents());
        assertThat(network).hasSize((int) result.networkEvents()).isNotEmpty();
    }

    @Test
    void sendsFileEventsWithTheProcessEventsAndAuditEventsToTheirTopicKeyedByPod() throws Exception {
        FleetOptions options = FleetOptions.builder().seed(22).containers(20).events(4_000).rate(20)
                .scenarios(Scenario.INGRESS_TRANSFER, Scenario.TOKEN_API).build();
        Map<EventKind, String> topics = Map.of(EventKind.PROCESS, "gen-it.seq.process", EventKind.FILE,
                "gen-it.seq.process", EventKind.NETWORK, "gen-it.seq.network", EventKind.AUDIT, "gen-it.seq.audit");
        Map<String, List<String>> sent = new HashMap<>();
        GenerationResult result;
        try (KafkaEventSink kafkaSink = new KafkaEventSink(kafka.clientProperties(), "gen-it.seq.process",
                "gen-it.seq.network", "gen-it.seq.audit")) {
            result = new FleetGenerator(options).generate((kind, key, json) -> {
                sent.computeIfAbsent(topics.get(kind), t -> new ArrayList<>())
                        .add(key + " " + new String(json, StandardCharsets.UTF_8));
                kafkaSink.accept(kind, key, json);
            });
        }

        for (String topic : List.of("gen-it.seq.process", "gen-it.seq.network", "gen-it.seq.audit")) {
            assertThat(byKey(records(topic))).as(topic).isEqualTo(byKey(sent.get(topic)));
        }
        assertThat(sent.get("gen-it.seq.process")).hasSize((int) (result.processEvents() + result.fileEvents()));
        assertThat(result.fileEvents()).isEqualTo(3);
        assertThat(records("gen-it.seq.audit")).hasSize(1).allSatisfy(line -> assertThat(line)
                .contains("\"authentication.kubernetes.io/pod-name\":\"" + line.substring(0, line.indexOf(' ')) + "\""));
    }

    /** Events by their record key: container.id, or the pod name of an audit event. */
    private static Map<String, List<String>> byKey(List<String> keyedEvents) {
        return keyedEvents.stream().collect(Collectors.groupingBy(line -> line.substring(0, line.indexOf(' '))));
    }

    private List<String> records(String topic) {
        return kafka.readCommitted(topic).stream()
                .map((ConsumerRecord<String, String> r) -> r.key() + " " + r.value())
                .toList();
    }
}
