package io.ncwatch.eql.planner;

import io.ncwatch.eql.parser.ast.Expr.MatchKind;
import io.ncwatch.eql.runtime.AnyValueMatcher;
import io.ncwatch.eql.runtime.RegexMatcher;
import io.ncwatch.eql.runtime.TermsMatcher;
import io.ncwatch.eql.runtime.ValueMatcher;
import io.ncwatch.eql.runtime.WildcardPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The patterns of {@code in}, {@code like}, {@code regex} and {@code :} as one matcher, as Elasticsearch
 * queries them: a term set, wildcard automata, regular expressions.
 */
final class PatternMatchers {
    private PatternMatchers() {}

    /** A value passes when it matches one of the (non-null) patterns. */
    static ValueMatcher of(MatchKind kind, boolean caseInsensitive, List<Object> patterns) {
        if (kind == MatchKind.IN) {
            return new TermsMatcher(patterns, caseInsensitive);
        }
        List<ValueMatcher> tests = new ArrayList<>();
        List<Object> plainTexts = new ArrayList<>();
        for (Object pattern : patterns) {
            String text = String.valueOf(pattern);
            if (kind == MatchKind.REGEX) {
                tests.add(new RegexMatcher(text, caseInsensitive));
            } else if (WildcardPattern.eql(text, caseInsensitive).hasWildcards()) {
                tests.add(WildcardPattern.eql(text, caseInsensitive));
            } else {
                plainTexts.add(text); // a pattern without wildcards is a term: one set for all of them
            }
        }
        if (!plainTexts.isEmpty()) {
            tests.add(0, new TermsMatcher(plainTexts, caseInsensitive));
        }
        return AnyValueMatcher.of(tests);
    }
}
