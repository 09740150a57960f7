package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetGeneratorTest {

    private static final FleetOptions FLEET = FleetOptions.builder()
            .seed(7).containers(200).events(30_000).rate(500).attackRate(0.002).build();

    @Test
    void theSameOptionsGiveTheSameBytes() throws IOException {
        assertThat(bytes(FLEET)).isEqualTo(bytes(FLEET));
    }

    @Test
    void anotherSeedGivesOtherTraffic() throws IOException {
        FleetOptions other = FleetOptions.builder()
                .seed(8).containers(200).events(30_000).rate(500).attackRate(0.002).build();
        assertThat(bytes(other)).isNotEqualTo(bytes(FLEET));
    }

    @Test
    void everyEventHasAUniqueIdAndItsContainer() {
        GeneratedTraffic traffic = GeneratedTraffic.of(FLEET);

        Set<String> ids = new HashSet<>();
        Set<String> containers = new HashSet<>();
        for (GeneratedTraffic.Event e : traffic.events) {
            assertThat(ids.add(e.id())).as("duplicate event.id %s", e.id()).isTrue();
            assertThat(e.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(e.containerId()).matches("[0-9a-f]{64}").isEqualTo(e.key());
            containers.add(e.containerId());
        }
        assertThat(traffic.events).hasSize(30_000);
        assertThat(containers).hasSizeBetween(150, 200);
    }

    @Test
    void processEventsAverageAbout1_4Kilobytes() {
        GeneratedTraffic traffic = GeneratedTraffic.of(FLEET);

        double average = traffic.events.stream()
                .filter(e -> e.kind() == EventKind.PROCESS)
                .mapToInt(e -> e.bytes().length)
                .average()
                .orElseThrow();
        assertThat(average).isBetween(1_200.0, 1_600.0);
        assertThat(traffic.result.processEvents()).isGreaterThan(traffic.result.networkEvents());
    }

    @Test
    void processEventsCarryTheirTreeAndContainerContext() {
        GeneratedTraffic traffic = GeneratedTraffic.of(FLEET);

        GeneratedTraffic.Event exec = traffic.events.stream()
                .filter(e -> e.action().equals("exec"))
                .findFirst()
                .orElseThrow();
        var process = exec.json().path("process");
        assertThat(process.path("entity_id").asText()).matches("[A-Za-z0-9+/]{16}");
        assertThat(process.path("args").size()).isEqualTo(process.path("args_count").asInt());
        assertThat(process.path("parent").path("entity_id").asText()).isNotEmpty();
        assertThat(process.path("entry_leader").path("entry_meta").path("type").asText()).isEqualTo("container");
        assertThat(exec.json().path("event").path("type").get(0).asText()).isEqualTo("start");
        assertThat(exec.json().path("orchestrator").path("namespace").asText()).isNotEmpty();
        assertThat(exec.json().path("data_stream").path("dataset").asText()).isEqualTo("cloud_defend.process");
    }

    @Test
    void documentsMixDottedAndNestedKeysAndNumericAndStringIds() {
        GeneratedTraffic traffic = GeneratedTraffic.of(FLEET);

        long dotted = traffic.events.stream()
                .filter(e -> e.json().path("container").has("image.name")).count();
        long nested = traffic.events.stream()
                .filter(e -> e.json().path("container").path("image").has("name")).count();
        long numericIds = traffic.events.stream()
                .filter(e -> e.json().path("process").path("user").path("id").isNumber()).count();
        long stringIds = traffic.events.stream()
                .filter(e -> e.json().path("process").path("user").path("id").isTextual()).count();
        assertThat(dotted).isPositive();
        assertThat(nested).isPositive();
        assertThat(numericIds).isPositive();
        assertThat(stringIds).isPositive();
    }

    @Test
    void networkEventsNameTheirLocalProcessAndContainer() {
        GeneratedTraffic traffic = GeneratedTraffic.of(FLEET);

        GeneratedTraffic.Event accepted = traffic.events.stream()
                .filter(e -> e.action().equals("connection_accepted"))
                .findFirst()
                .orElseThrow();
        assertThat(accepted.kind()).isEqualTo(EventKind.NETWORK);
        assertThat(accepted.json().path("process").path("entity_id").asText()).isNotEmpty();
        assertThat(accepted.json().path("destination").path("port").asInt()).isPositive();
        assertThat(accepted.json().path("source").path("ip").asText()).isNotEmpty();
        assertThat(accepted.json().path("network").path("transport").asText()).isEqualTo("tcp");
    }

    @Test
    void theAttackRateIsTheShareOfMaliciousEvents() {
        FleetOptions options = FleetOptions.builder()
                .seed(3).containers(1_000).events(200_000).rate(20_000).attackRate(0.001).build();

        GenerationResult result = GeneratedTraffic.of(options).result;

        assertThat(result.maliciousEvents()).isBetween(120L, 300L);
    }

    @Test
    void withoutNetworkThereAreOnlyProcessEvents() {
        FleetOptions options = FleetOptions.builder().seed(4).events(5_000).network(false).build();

        GenerationResult result = GeneratedTraffic.of(options).result;

        assertThat(result.networkEvents()).isZero();
        assertThat(result.processEvents()).isEqualTo(5_000);
    }

    @Test
    void aDurationBoundsEventTime() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        FleetOptions options = FleetOptions.builder()
                .seed(5).start(start).duration(Duration.ofSeconds(60)).rate(100).build();

        GeneratedTraffic traffic = GeneratedTraffic.of(options);

        assertThat(traffic.events).allSatisfy(e -> assertThat(e.timestampMillis())
                .isBetween(start.toEpochMilli(), start.toEpochMilli() + 59_999));
        assertThat(traffic.events.size()).isBetween(4_000, 8_000);
    }

    @Test
    void aScenarioThatCannotFitInTheRunIsRefused() {
        FleetOptions options = FleetOptions.builder().events(1_000).rate(100).scenarios(Scenario.LATE).build();

        assertThatThrownBy(() -> new FleetGenerator(options).generate((kind, key, json) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scenario late needs");
    }

    private static byte[] bytes(FleetOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesSink sink = new JsonLinesSink(out)) {
            new FleetGenerator(options).generate(sink);
        }
        return out.toByteArray();
    }
}
