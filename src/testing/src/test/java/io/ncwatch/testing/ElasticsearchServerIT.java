package io.ncwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchServerIT {

    private final ElasticsearchServer elasticsearch = ElasticsearchServer.shared();

    @Test
    void indexesAndFindsDocuments() {
        elasticsearch.request("PUT", "/stack-it/_create/listener", "{\"process\":{\"name\":\"nc\"},\"container\":{\"id\":\"c1\"}}");
        elasticsearch.request("PUT", "/stack-it/_create/shell", "{\"process\":{\"name\":\"sh\"},\"container\":{\"id\":\"c1\"}}");

        Map<String, JsonNode> found = elasticsearch.search("stack-it", "{\"query\":{\"term\":{\"process.name\":\"nc\"}}}");

        assertThat(found).containsOnlyKeys("listener");
        assertThat(found.get("listener").at("/container/id").asText()).isEqualTo("c1");
        assertThat(elasticsearch.count("stack-it")).isEqualTo(2);
        assertThat(elasticsearch.documents("stack-it")).containsOnlyKeys("listener", "shell");
    }
}
