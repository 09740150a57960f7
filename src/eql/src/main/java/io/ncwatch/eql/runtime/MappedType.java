package io.ncwatch.eql.runtime;

import java.util.Locale;

/**
 * A field type of an index mapping, as the values of such a field are indexed and compared: a document's
 * value and a query's literal are both turned into the indexed form, then compared as the term and range
 * queries of that type compare them.
 */
public enum MappedType {
    /** {@code keyword}, {@code constant_keyword}, {@code wildcard}: the value's text. */
    KEYWORD,
    /** {@code date}, {@code date_nanos}: milliseconds since the epoch. */
    DATE,
    /** {@code ip}: the 128-bit address, IPv4 as IPv4-mapped IPv6. */
    IP,
    /** {@code version}: software version precedence. */
    VERSION,
    /** {@code long}, {@code integer}, {@code short}, {@code byte}, {@code unsigned_long}: a whole number. */
    LONG,
    /** {@code double}, {@code float}, {@code half_float}, {@code scaled_float}. */
    DOUBLE,
    BOOLEAN;

    /**
     * The type of a mapping's {@code type} name, or null for the types ncwatch compares as written (text
     * fields, which the analysis refuses to compare, object, geo_point...).
     */
    public static MappedType of(String mappingType) {
        return switch (mappingType) {
            case "keyword", "constant_keyword", "wildcard" -> KEYWORD;
            case "date", "date_nanos" -> DATE;
            case "ip" -> IP;
            case "version" -> VERSION;
            case "long", "integer", "short", "byte", "unsigned_long" -> LONG;
            case "double", "float", "half_float", "scaled_float" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            default -> null;
        };
    }

    /** Whether wildcard, regex and prefix queries apply: Elasticsearch runs them on string fields only. */
    public boolean isString() {
        return this == KEYWORD;
    }

    /**
     * A document's value (String, Long, Double or Boolean) as the field indexes it, or null when the field
     * cannot index it (Elasticsearch rejects such a document).
     */
    public Object indexed(Object value) {
        return switch (this) {
            case KEYWORD -> String.valueOf(value);
            case DATE -> Dates.toEpochMillis(value);
            case IP -> value instanceof String s ? IpAddress.sortable(s) : null;
            case VERSION -> VersionOrder.encode(String.valueOf(value));
            case LONG -> wholeNumber(value);
            case DOUBLE -> value instanceof Boolean ? null : toDouble(Numbers.parse(value));
            case BOOLEAN -> bool(value);
        };
    }

    /**
     * A query's literal as the field indexes it. Throws IllegalArgumentException when the field's query
     * cannot parse it, as Elasticsearch fails the search.
     */
    public Object literal(Object literal, String field) {
        Object indexed = switch (this) {
            case KEYWORD, BOOLEAN -> indexed(literal);
            // not truncated: a whole number field's query for 1.5 matches no value, and > 1.5 means >= 2
            case LONG -> literal instanceof Boolean ? null : Numbers.parse(literal);
            default -> literal instanceof Boolean ? null : indexed(literal);
        };
        if (indexed == null) {
            throw new IllegalArgumentException("cannot compare field [" + field + "] of type ["
                    + name().toLowerCase(Locale.ROOT) + "] with [" + literal + "]: " + expected());
        }
        return indexed;
    }

    private String expected() {
        return switch (this) {
            case DATE -> "not a date in the format strict_date_optional_time||epoch_millis";
            case IP -> "not an IP string literal";
            case LONG, DOUBLE -> "not a number";
            case BOOLEAN -> "expected true or false";
            default -> "not a value of this type";
        };
    }

    /** Whole numbers coerce: a numeric string reads as its number, a fraction is truncated. */
    private static Long wholeNumber(Object value) {
        Number n = value instanceof Boolean ? null : Numbers.parse(value);
        if (n instanceof Double d) {
            return Double.isInfinite(d) || Math.abs(d) >= 0x1p63 ? null : (long) d.doubleValue();
        }
        return (Long) n;
    }

    private static Double toDouble(Number n) {
        return n == null ? null : n.doubleValue();
    }

    /** A boolean field takes true, false, "true", "false", and "" as false. */
    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(value)) {
            case "true" -> Boolean.TRUE;
            case "false", "" -> Boolean.FALSE;
            default -> null;
        };
    }
}
