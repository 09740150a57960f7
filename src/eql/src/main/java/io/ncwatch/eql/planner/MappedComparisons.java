package io.ncwatch.eql.planner;

import io.ncwatch.eql.analysis.ResolvedField;
import io.ncwatch.eql.parser.ast.Expr.MatchKind;
import io.ncwatch.eql.runtime.MappedType;
import io.ncwatch.eql.runtime.MappedValueMatcher;
import io.ncwatch.eql.runtime.ValueMatcher;
import io.ncwatch.eql.runtime.WildcardPattern;
import java.util.List;

/**
 * Comparisons of a field with literals on the values as the field's mapping indexes them: the literal is
 * parsed as the field's query parses it (a date, an address, a version, a number), and so is each of the
 * document's values. A field the mapping does not list compares as the document writes it.
 */
final class MappedComparisons {
    private MappedComparisons() {}

    /** The literals in the field's indexed form; IllegalArgumentException when the field's query cannot parse one. */
    static List<Object> literals(String path, ResolvedField field, List<Object> literals) {
        MappedType type = typeOf(field);
        return type == null ? literals : literals.stream().map(l -> type.literal(l, path)).toList();
    }

    /** {@code test}, built from {@link #literals}, applied to each value in the field's indexed form. */
    static ValueMatcher onIndexed(ResolvedField field, ValueMatcher test) {
        MappedType type = typeOf(field);
        return type == null ? test : new MappedValueMatcher(type, test);
    }

    /**
     * Whether the literal's text is in every matching document's bytes: true for string fields, false
     * where the document may spell the value otherwise (a date as ISO text or epoch millis, an address)
     * or write a JSON null that the field's {@code null_value} stands for.
     */
    static boolean keepsText(ResolvedField field) {
        return isString(field) && field.nullValue() == null;
    }

    /** Whether wildcard, regex and prefix queries apply to the field: a string field, or an unmapped one. */
    static boolean isString(ResolvedField field) {
        MappedType type = typeOf(field);
        return type == null || type.isString();
    }

    /**
     * A match on a field that is no string: only its literals without wildcards compare, as terms;
     * Elasticsearch refuses a pattern there, as ncwatch does with this IllegalArgumentException.
     */
    static void requireTerms(String path, ResolvedField field, MatchKind kind, List<Object> patterns) {
        boolean patternMatch = kind == MatchKind.REGEX || kind == MatchKind.LIKE && patterns.stream()
                .anyMatch(p -> WildcardPattern.eql(String.valueOf(p), false).hasWildcards());
        if (patternMatch) {
            throw notString(path, field, kind == MatchKind.REGEX ? "a regular expression" : "a wildcard pattern");
        }
    }

    /** What Elasticsearch answers to a string function or pattern on a field that holds no strings. */
    static IllegalArgumentException notString(String path, ResolvedField field, String what) {
        return new IllegalArgumentException(what + " needs a string field; [" + path + "] is of type [" + field.type() + "]");
    }

    private static MappedType typeOf(ResolvedField field) {
        return field.type() == null ? null : MappedType.of(field.type());
    }
}
