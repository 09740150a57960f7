package io.ncwatch.eql.planner;

import io.ncwatch.eql.parser.ast.Expr.MatchKind;
import io.ncwatch.eql.runtime.Needle;
import io.ncwatch.eql.runtime.Numbers;
import io.ncwatch.eql.runtime.WildcardPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The needles of a field-versus-literal comparison: texts every match contains in a string value, or
 * null when no such set is known. Necessary, not sufficient.
 */
final class RequiredText {
    /**
     * Fields whose handful of values most events share, so their literals filter nothing: ECS
     * categorization, and the source and platform of the data.
     */
    private static final Set<String> SHARED_VALUES = Set.of(
            "event.kind", "event.category", "event.type", "event.action", "event.outcome",
            "event.module", "event.dataset", "data_stream.dataset", "host.os.type", "host.os.family");

    private RequiredText() {}

    /** Whether most events share the field's few values, so its needles filter little. */
    static boolean isShared(String path) {
        return SHARED_VALUES.contains(path);
    }

    /**
     * Needles for literals that must equal a whole string value; unknown when a literal could also match
     * a JSON number or boolean (which the raw bytes hold unquoted) or is empty.
     */
    static List<Needle> wholeValues(List<Object> literals, boolean caseInsensitive) {
        List<Needle> needles = new ArrayList<>();
        for (Object literal : literals) {
            if (!(literal instanceof String text) || !isTextual(text)) {
                return null;
            }
            needles.add(new Needle(text, true, true, caseInsensitive));
        }
        return needles;
    }

    static List<Needle> ofPatterns(MatchKind kind, boolean caseInsensitive, List<Object> patterns) {
        if (kind == MatchKind.IN) {
            return wholeValues(patterns, caseInsensitive);
        }
        List<Needle> needles = new ArrayList<>();
        for (Object pattern : patterns) {
            String text = String.valueOf(pattern);
            Needle needle = kind == MatchKind.LIKE
                    ? longestRun(WildcardPattern.eql(text, caseInsensitive))
                    : regexLiteral(text, caseInsensitive);
            if (needle == null) {
                return null;
            }
            needles.add(needle);
        }
        return needles;
    }

    /**
     * The needle of {@code startsWith}, {@code endsWith} or {@code stringContains} on a field: the text,
     * unknown when it is empty or holds a character Lucene's wildcard syntax reads ({@code * ? \\}).
     */
    static List<Needle> ofFunctionText(String text, boolean atStart, boolean atEnd, boolean caseInsensitive) {
        boolean plain = !text.isEmpty() && text.chars().noneMatch(c -> c == '*' || c == '?' || c == '\\');
        return plain ? List.of(new Needle(text, atStart, atEnd, caseInsensitive)) : null;
    }

    private static Needle longestRun(WildcardPattern pattern) {
        Needle longest = null;
        for (Needle run : pattern.literalRuns()) {
            if (longest == null || run.text().length() > longest.text().length()) {
                longest = run;
            }
        }
        return longest == null || !isTextual(longest.text()) ? null : longest;
    }

    /** A regular expression without any operator character is its own literal. */
    private static Needle regexLiteral(String pattern, boolean caseInsensitive) {
        boolean literal = pattern.chars().noneMatch(c -> ".?+*|{}[]()\"\\#@&<>~^$".indexOf(c) >= 0);
        return literal && isTextual(pattern) ? new Needle(pattern, true, true, caseInsensitive) : null;
    }

    private static boolean isTextual(String text) {
        return !text.isEmpty() && Numbers.parse(text) == null && !text.equals("true") && !text.equals("false");
    }
}
