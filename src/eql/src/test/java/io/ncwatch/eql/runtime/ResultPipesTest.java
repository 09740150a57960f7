package io.ncwatch.eql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ncwatch.eql.EqlCompiler;
import io.ncwatch.eql.parser.EqlParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultPipesTest {
    /** The results 1..count through the query's pipes, in the order they come out. */
    private static List<Integer> run(String pipes, int count) {
        ResultPipes<Integer> limit = EqlCompiler.pipes(EqlParser.parse("any where true " + pipes));
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.addAll(limit.offer(i));
        }
        out.addAll(limit.finish());
        return out;
    }

    @Test
    void headKeepsTheFirstAndTailTheLast() {
        assertEquals(List.of(1, 2, 3), run("| head 3", 10));
        assertEquals(List.of(8, 9, 10), run("| tail 3", 10));
        assertEquals(List.of(1, 2), run("| head 5", 2));
        assertEquals(List.of(1, 2, 3, 4), run("", 4));
    }

    @Test
    void pipesApplyLeftToRight() {
        assertEquals(List.of(4, 5), run("| head 5 | tail 2", 10));
        assertEquals(List.of(7, 8), run("| tail 4 | head 2", 10));
        assertEquals(List.of(8), run("| tail 4 | head 2 | tail 1", 10));
    }

    @Test
    void aFullLeadingHeadEndsTheInput() {
        ResultPipes<Integer> limit = EqlCompiler.pipes(EqlParser.parse("any where true | head 1"));
        assertFalse(limit.isSaturated());
        limit.offer(1);
        assertTrue(limit.isSaturated());
    }
}
