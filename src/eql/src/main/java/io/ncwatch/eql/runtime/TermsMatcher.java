package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Equality with one of a set of literals, as Elasticsearch's term and terms queries decide it: a string
 * value (a keyword) equals a literal's text ({@code 0} reads as {@code "0"}); a numeric value equals a
 * literal that reads as the same number; a boolean value equals {@code true}/{@code "true"} or
 * {@code false}/{@code "false"}. Case-insensitive sets fold ASCII letters only.
 */
public final class TermsMatcher implements ValueMatcher {
    /** The literals' texts (folded when case-insensitive) by length: most values fail on length alone. */
    private final String[][] textsByLength;
    private final Number[] numbers;
    private final boolean matchesTrue;
    private final boolean matchesFalse;
    private final boolean caseInsensitive;

    public TermsMatcher(List<Object> literals, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        List<String> textList = new ArrayList<>();
        List<Number> numberList = new ArrayList<>();
        boolean t = false;
        boolean f = false;
        for (Object literal : literals) {
            String text = String.valueOf(literal);
            textList.add(caseInsensitive ? Ascii.fold(text) : text);
            Number number = Numbers.parse(literal);
            if (number != null) {
                numberList.add(number);
            }
            t |= text.equals("true");
            f |= text.equals("false");
        }
        this.textsByLength = byLength(textList);
        this.numbers = numberList.toArray(Number[]::new);
        this.matchesTrue = t;
        this.matchesFalse = f;
    }

    private static String[][] byLength(List<String> texts) {
        int longest = texts.stream().mapToInt(String::length).max().orElse(-1);
        String[][] table = new String[longest + 1][];
        for (String text : texts) {
            String[] bucket = table[text.length()];
            table[text.length()] = bucket == null ? new String[] {text} : append(bucket, text);
        }
        return table;
    }

    private static String[] append(String[] bucket, String text) {
        String[] longer = java.util.Arrays.copyOf(bucket, bucket.length + 1);
        longer[bucket.length] = text;
        return longer;
    }

    @Override
    public boolean test(Object value) {
        if (value instanceof String s) {
            if (s.length() >= textsByLength.length) {
                return false;
            }
            String[] candidates = textsByLength[s.length()];
            if (candidates == null) {
                return false;
            }
            for (String text : candidates) {
                if (caseInsensitive ? Ascii.equals(s, text) : s.equals(text)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Boolean b) {
            return b ? matchesTrue : matchesFalse;
        }
        if (!(value instanceof Long || value instanceof Double)) {
            return false;
        }
        for (Number number : numbers) {
            if (Numbers.compare(value, number) == 0) {
                return true;
            }
        }
        return false;
    }
}
