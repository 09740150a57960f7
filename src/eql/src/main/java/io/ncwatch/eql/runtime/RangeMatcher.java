package io.ncwatch.eql.runtime;

/**
 * {@code < <= > >=} against a literal, as Elasticsearch's range query decides it: a string value
 * compares with the literal's text in keyword (code point) order, case-sensitively; a numeric value
 * compares with the literal read as a number (no match when it does not read as one).
 */
public final class RangeMatcher implements ValueMatcher {
    private final Relation relation;
    private final String text;
    private final Number number;

    public RangeMatcher(Relation relation, Object literal) {
        this.relation = relation;
        this.text = String.valueOf(literal);
        this.number = Numbers.parse(literal);
    }

    @Override
    public boolean test(Object value) {
        int sign;
        if (value instanceof String s) {
            sign = Numbers.compareKeywords(s, text);
        } else if (!(value instanceof Long || value instanceof Double) || number == null) {
            return false;
        } else {
            sign = Numbers.compare(value, number);
        }
        return relation.holds(sign);
    }
}
