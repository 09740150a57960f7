package io.ncwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FlinkClusterIT {

    private final FlinkCluster flink = FlinkCluster.shared();

    @Test
    void hasATaskManagerWithTwoSlots() {
        JsonNode overview = flink.get("/overview");

        assertThat(overview.get("flink-version").asText()).isEqualTo("2.2.1");
        assertThat(overview.get("taskmanagers").asInt()).isEqualTo(1);
        assertThat(overview.get("slots-total").asInt()).isEqualTo(2);
    }

    @Test
    void acceptsJobJarsThroughTheRestApi() {
        // /jars is served by flink-runtime-web's submission handlers, which `ncwatch submit` uses.
        assertThat(flink.get("/jars").has("files")).isTrue();
    }
}
