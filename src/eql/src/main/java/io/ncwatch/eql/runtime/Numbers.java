package io.ncwatch.eql.runtime;

/** Exact comparisons of numbers and the numeric reading of literals, without boxing. */
public final class Numbers {
    private Numbers() {}

    /** Sign of {@code l - d}, exact for every long; {@code d} must not be NaN. */
    static int compareExact(long l, double d) {
        if (d >= 0x1p63) {
            return -1;
        }
        if (d < -0x1p63) {
            return 1;
        }
        long whole = (long) d;
        if (l != whole) {
            return Long.compare(l, whole);
        }
        double fraction = d - whole;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    /**
     * The literal as a number, the way a numeric field's query parses it: a Long or a Double, a string
     * that reads as one, or null when it does not.
     */
    public static Number parse(Object literal) {
        if (literal instanceof Long || literal instanceof Double) {
            return (Number) literal;
        }
        if (literal instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException notLong) {
                try {
                    double d = Double.parseDouble(s.trim());
                    return Double.isNaN(d) ? null : d;
                } catch (NumberFormatException notNumber) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Sign of {@code value - literal} for a Long or Double value; the literal is a Long or Double. */
    static int compare(Object value, Number literal) {
        if (value instanceof Long l) {
            return literal instanceof Long m ? Long.compare(l, m) : compareExact(l, literal.doubleValue());
        }
        double x = (Double) value;
        return literal instanceof Long m ? -compareExact(m, x) : Double.compare(x, literal.doubleValue());
    }

    /**
     * Code-point (UTF-8 byte) order of two strings, the order of a keyword field's terms; differs from
     * {@link String#compareTo} only for characters above U+FFFF against U+E000 to U+FFFF.
     */
    static int compareKeywords(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codeUnitRank(x) - codeUnitRank(y);
            }
        }
        return a.length() - b.length();
    }

    private static int codeUnitRank(char c) {
        if (c >= 0xD800) {
            return c >= 0xE000 ? c - 0x800 : c + 0x2000;
        }
        return c;
    }
}
