package io.ncwatch.eql.runtime;

import io.ncwatch.eql.EqlCompiler;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.MapEvent;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.ast.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only: a sequence query run over events given in Elasticsearch's order, each an id, a timestamp
 * and its fields, with a matcher per join key; the matches as lists of event ids.
 */
final class SequenceRun {
    private final FieldSlots slots = new FieldSlots();
    final CompiledSequence sequence;
    private final Map<List<Object>, SequenceMatcher<String>> matchers = new HashMap<>();
    private final List<List<String>> matches = new ArrayList<>();

    SequenceRun(String eql) {
        sequence = new EqlCompiler(slots, EqlOptions.ELASTICSEARCH)
                .compileSequence((Query.SequenceQuery) EqlParser.parse(eql));
    }

    /** Feeds the event {@code id} at {@code timestamp} with its fields as dotted path, value pairs. */
    SequenceRun event(String id, long timestamp, Object... pathsAndValues) {
        Map<String, Object> fields = MapEvent.event(pathsAndValues);
        for (SequenceHit hit : sequence.hits(slot -> fields.get(slots.paths().get(slot)))) {
            collect(matcher(hit.joinKey()).accept(hit, timestamp, id));
        }
        return this;
    }

    /** Time passes: no event at or before {@code timestamp} follows. */
    SequenceRun advanceTo(long timestamp) {
        matchers.values().forEach(matcher -> collect(matcher.advanceTo(timestamp)));
        return this;
    }

    SequenceMatcher<String> matcher(List<Object> key) {
        return matchers.computeIfAbsent(key, k -> sequence.matcher());
    }

    /** The matches so far, each the ids of its events in stage order; ends the input first. */
    List<List<String>> matches() {
        advanceTo(Long.MAX_VALUE);
        return matches;
    }

    /** The matches so far, without ending the input. */
    List<List<String>> matchesSoFar() {
        return matches;
    }

    private void collect(List<SequenceMatch<String>> completed) {
        for (SequenceMatch<String> match : completed) {
            matches.add(match.members().stream().map(SequenceMember::payload).toList());
        }
    }
}
