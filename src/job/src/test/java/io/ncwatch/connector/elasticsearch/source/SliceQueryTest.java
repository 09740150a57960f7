package io.ncwatch.connector.elasticsearch.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceQueryTest {
    private final SliceQuery query = new SliceQuery("logs-*", "@timestamp", "event.id",
            "{\"terms\":{\"event.category\":[\"process\"]}}", List.of("process.*"), 500);

    @Test
    void a_page_reads_the_slice_in_timestamp_and_tiebreaker_order() {
        JsonNode body = SliceQuery.parse(query.body(new TimeSliceSplit(0, 100, 200, null), "pit-1"));

        assertThat(body.at("/query/bool/filter/0/range/@timestamp/gte").asLong()).isEqualTo(100);
        assertThat(body.at("/query/bool/filter/0/range/@timestamp/lt").asLong()).isEqualTo(200);
        assertThat(body.at("/query/bool/filter/1/terms/event.category/0").asText()).isEqualTo("process");
        assertThat(body.at("/sort/0").fieldNames()).toIterable().containsExactly("@timestamp");
        assertThat(body.at("/sort/1").fieldNames()).toIterable().containsExactly("event.id");
        assertThat(body.at("/_source/includes/0").asText()).isEqualTo("process.*");
        assertThat(body.at("/size").asInt()).isEqualTo(500);
        assertThat(body.at("/pit/id").asText()).isEqualTo("pit-1");
        assertThat(body.has("search_after")).isFalse();
    }

    @Test
    void a_page_after_a_position_searches_after_it() {
        JsonNode body = SliceQuery.parse(query.body(new TimeSliceSplit(0, 100, 200, "[150,\"e-9\"]"), "pit-1"));

        assertThat(body.get("search_after").toString()).isEqualTo("[150,\"e-9\"]");
    }
}
