package io.ncwatch.eql;

import java.util.ArrayList;
import java.util.List;

/**
 * Equality with one of a set of literals, as Elasticsearch's term and terms queries decide it: a string
 * value (a keyword) equals a literal's text ({@code 0} reads as {@code "0"}); a numeric value equals a
 * literal that reads as the same number; a boolean value equals {@code true}/{@code "true"} or
 * {@code false}/{@code "false"}. Case-insensitive sets fold ASCII letters only.
 */
final class TermsTest implements ValueTest {
    private final String[] texts;
    private final Number[] numbers;
    private final boolean matchesTrue;
    private final boolean matchesFalse;
    private final boolean caseInsensitive;

    TermsTest(List<Object> literals, boolean caseInsensitive) {
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
        this.texts = textList.toArray(String[]::new);
        this.numbers = numberList.toArray(Number[]::new);
        this.matchesTrue = t;
        this.matchesFalse = f;
    }

    @Override
    public boolean test(Object value) {
        if (value instanceof String s) {
            for (String text : texts) {
                if (caseInsensitive ? Ascii.equals(s, text) : s.equals(text)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Boolean b) {
            return b ? matchesTrue : matchesFalse;
        }
        for (Number number : numbers) {
            if (Numbers.compare(value, number) == 0) {
                return true;
            }
        }
        return false;
    }
}
