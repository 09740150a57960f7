package io.ncwatch.eql.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.eql.parser.EqlParser;
import org.junit.jupiter.api.Test;

/** Field names resolved to slots and to the ignore_above of their ECS mapping. */
class AnalyzerTest {

    private static AnalyzedQuery analyze(String eql, FieldSlots slots) {
        return Analyzer.analyze(EqlParser.parse(eql), slots, 1024, FieldTypes.ecs());
    }

    @Test
    void fieldsAreResolvedInWrittenOrderWithTheCategoryFieldLast() {
        AnalyzedQuery query = analyze("process where user.name == \"root\" and length(process.name) > 3 and process.pid > 1",
                new FieldSlots());
        assertThat(query.fields().keySet())
                .containsExactly("user.name", "process.name", "process.pid", "event.category");
    }

    @Test
    void oneSlotTableServesEveryQuery() {
        FieldSlots slots = new FieldSlots();
        analyze("any where process.name == \"nc\"", slots);
        AnalyzedQuery second = analyze("any where user.name == \"root\" or process.name == \"sh\"", slots);
        assertThat(second.fields().get("process.name").slot()).isEqualTo(0);
        assertThat(second.fields().get("user.name").slot()).isEqualTo(1);
    }

    @Test
    void keywordsHaveTheLimitAndWildcardFieldsNone() {
        AnalyzedQuery query = analyze("any where process.name == \"a\" or process.command_line == \"b\" or url.full == \"c\"",
                new FieldSlots());
        assertThat(query.fields().get("process.name").ignoreAbove()).isEqualTo(1024);
        assertThat(query.fields().get("process.command_line").ignoreAbove()).isEqualTo(Integer.MAX_VALUE);
        assertThat(query.fields().get("url.full").ignoreAbove()).isEqualTo(Integer.MAX_VALUE);
        AnalyzedQuery unlimited = Analyzer.analyze(EqlParser.parse("any where process.name == \"a\""), new FieldSlots(), 0, FieldTypes.ecs());
        assertThat(unlimited.fields().get("process.name").ignoreAbove()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void fieldsHaveTheirMappingType() {
        AnalyzedQuery query = analyze("any where @timestamp > 0 and process.name == \"x\" or app.x == 1", new FieldSlots());
        assertThat(query.fields().get("@timestamp").type()).isEqualTo("date");
        assertThat(query.fields().get("process.name").type()).isEqualTo("keyword");
        assertThat(query.fields().get("app.x").type()).isNull();
    }

    @Test
    void analysedTextFieldsCannotBeCompared() {
        assertThatThrownBy(() -> analyze("any where message : \"x\"", new FieldSlots()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field [message] is of type [match_only_text] with no keyword sub-field: Elasticsearch cannot compare it exactly");
        assertThatThrownBy(() -> analyze("any where length(process.command_line.text) > 1", new FieldSlots()))
                .hasMessageContaining("[process.command_line.text]");
    }
}
