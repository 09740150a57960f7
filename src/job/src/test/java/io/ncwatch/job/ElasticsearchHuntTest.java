package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

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
    void a_rule_of_any_category_reads_every_document() {
        assertThat(ElasticsearchHunt.categoryFilter(List.of(rule("any where host.name == \"x\"")))).isEmpty();
    }
}
