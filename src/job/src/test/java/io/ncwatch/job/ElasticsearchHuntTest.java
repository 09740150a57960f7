package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticsearchHuntTest {

    private static Rule rule(String query) {
        return new Rule("id-" + query.hashCode(), "rule", "", 1, "low", 0, List.of(), null, List.of(), List.of(),
                List.of(), null, "eql", List.of(), query, "test");
    }

    @Test
    void the_categories_the_rules_name_and_the_job_reads_are_pushed_down() {
        assertThat(ElasticsearchHunt.categoryFilter(List.of(rule("file where file.name == \"x\""),
                rule("process where process.name == \"nc\""))))
                .contains("{\"terms\":{\"event.category\":[\"file\",\"network\",\"process\"]}}");
    }

    @Test
    void only_the_fields_the_rules_the_context_the_correlation_and_the_alerts_read_are_fetched() {
        List<String> fields = ElasticsearchHunt.sourceFields(List.of(rule("process where process.name == \"nc\""
                + " and user.id == \"0\"")), EqlOptions.ELASTICSEARCH);

        assertThat(fields).contains("@timestamp", "user.id", "event.id", "event.category", "container.id",
                "process.parent.entity_id", "source.ip", "process", "container", "orchestrator", "host", "cloud");
        assertThat(fields).doesNotContain("file", "message", "event.ingested");
    }

    @Test
    void a_sequence_rule_fetches_whole_documents_for_its_alert_carries_its_events_whole() {
        assertThat(ElasticsearchHunt.sourceFields(List.of(rule("process where process.name == \"nc\""),
                rule("sequence by container.id [process where true] [network where true]")), EqlOptions.ELASTICSEARCH))
                .isEmpty();
    }

    @Test
    void a_rule_of_any_category_reads_every_document() {
        assertThat(ElasticsearchHunt.categoryFilter(List.of(rule("any where host.name == \"x\"")))).isEmpty();
    }
}
