package io.ncwatch.eql;

import io.ncwatch.eql.ast.Expr.CompareOp;

/**
 * {@code < <= > >=} against a literal, as Elasticsearch's range query decides it: a string value
 * compares with the literal's text in keyword (code point) order, case-sensitively; a numeric value
 * compares with the literal read as a number (no match when it does not read as one).
 */
final class RangeMatcher implements ValueMatcher {
    private final CompareOp op;
    private final String text;
    private final Number number;

    RangeMatcher(CompareOp op, Object literal) {
        this.op = op;
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
        return switch (op) {
            case LT -> sign < 0;
            case LE -> sign <= 0;
            case GT -> sign > 0;
            case GE -> sign >= 0;
            case EQ -> sign == 0;
        };
    }
}
