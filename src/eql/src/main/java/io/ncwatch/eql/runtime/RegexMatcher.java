package io.ncwatch.eql.runtime;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;

/**
 * A whole-value match of a Lucene regular expression, with the syntax flags Elasticsearch's regexp
 * query uses by default ({@link RegExp#ALL}: {@code & ~ # @ <n-m>} and the rest) and, for
 * {@code regex~}, Lucene's ASCII case-insensitive matching. Automata cannot backtrack.
 */
public final class RegexMatcher implements ValueMatcher {
    private final CharacterRunAutomaton automaton;

    public RegexMatcher(String pattern, boolean caseInsensitive) {
        Automaton automaton;
        try {
            automaton = new RegExp(pattern, RegExp.ALL, caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0)
                    .toAutomaton(Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid regular expression \"" + pattern + "\": " + e.getMessage(), e);
        }
        this.automaton = new CharacterRunAutomaton(automaton);
    }

    @Override
    public boolean test(Object value) {
        return automaton.run(value instanceof String s ? s : String.valueOf(value));
    }
}
