package io.ncwatch.eql.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.parser.EqlParser;
import org.junit.jupiter.api.Test;

/** Field names resolved to slots and to the ignore_above of their ECS mapping. */
class AnalyzerTest {

    private static AnalyzedQuery analyze(String eql, FieldSlots slots) {
        return Analyzer.analyze(EqlParser.parse(eql), slots, 1024);
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
    void keywordsHaveTheLimitAndWildcardOrTextFieldsNone() {
        AnalyzedQuery query = analyze("any where process.name == \"a\" or process.command_line == \"b\" or message == \"c\"",
                new FieldSlots());
        assertThat(query.fields().get("process.name").ignoreAbove()).isEqualTo(1024);
        assertThat(query.fields().get("process.command_line").ignoreAbove()).isEqualTo(Integer.MAX_VALUE);
        assertThat(query.fields().get("message").ignoreAbove()).isEqualTo(Integer.MAX_VALUE);
        AnalyzedQuery unlimited = Analyzer.analyze(EqlParser.parse("any where process.name == \"a\""), new FieldSlots(), 0);
        assertThat(unlimited.fields().get("process.name").ignoreAbove()).isEqualTo(Integer.MAX_VALUE);
    }
}
