package io.ncwatch.eql.runtime;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * EQL's functions with the results Elasticsearch's function processors give: null in, null out (except
 * {@code string(null)}, which is {@code "null"} there too); where Elasticsearch raises an error (a wrong
 * argument type, a bad number, integer division by zero, overflow) this throws
 * IllegalArgumentException or ArithmeticException, which a compiled query turns into "no match".
 * Case-insensitive variants fold with {@code toLowerCase(Locale.ROOT)}, as the processors do.
 */
final class EqlFunctions {
    private EqlFunctions() {}

    static Object call(String name, boolean ci, Object[] a) {
        return switch (name) {
            case "add", "subtract", "multiply", "divide", "modulo" -> arithmetic(name, a[0], a[1]);
            case "between" -> between(a[0], a[1], a[2], a.length > 3 ? a[3] : Boolean.FALSE, ci);
            case "cidrMatch" -> cidrMatch(a);
            case "concat" -> concat(a);
            case "endsWith" -> affix(a[0], a[1], ci, false);
            case "indexOf" -> indexOf(a[0], a[1], a.length > 2 ? a[2] : null, ci);
            case "length" -> a[0] == null ? null : (Object) (long) string(a[0]).length();
            case "number" -> number(a[0], a.length > 1 ? a[1] : null);
            case "startsWith" -> affix(a[0], a[1], ci, true);
            case "string" -> String.valueOf(a[0]);
            case "stringContains" -> stringContains(a[0], a[1], ci);
            case "substring" -> substring(a[0], a[1], a.length > 2 ? a[2] : null);
            default -> throw new IllegalArgumentException("unknown function " + name + "()");
        };
    }

    /** {@code + - * / %} and their function forms: integers stay integers (division truncates). */
    static Object arithmetic(String op, Object l, Object r) {
        if (l == null || r == null) {
            return null;
        }
        if (!(l instanceof Long || l instanceof Double) || !(r instanceof Long || r instanceof Double)) {
            throw new IllegalArgumentException("a number is required; received [" + (l instanceof Number ? r : l) + "]");
        }
        if (l instanceof Double || r instanceof Double) {
            double x = ((Number) l).doubleValue();
            double y = ((Number) r).doubleValue();
            return switch (op) {
                case "add" -> x + y;
                case "subtract" -> x - y;
                case "multiply" -> x * y;
                case "divide" -> x / y;
                default -> x % y;
            };
        }
        long x = (Long) l;
        long y = (Long) r;
        return switch (op) {
            case "add" -> Math.addExact(x, y);
            case "subtract" -> Math.subtractExact(x, y);
            case "multiply" -> Math.multiplyExact(x, y);
            case "divide" -> x / y;
            default -> x % y;
        };
    }

    static Object negate(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return Math.negateExact(l);
        }
        if (v instanceof Double d) {
            return -d;
        }
        throw new IllegalArgumentException("a number is required; received [" + v + "]");
    }

    private static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("a string is required; received [" + v + "]");
    }

    private static Object between(Object input, Object left, Object right, Object greedy, boolean ci) {
        if (input == null) {
            return null;
        }
        String s = string(input);
        String l = string(left);
        String r = string(right);
        if (!(greedy instanceof Boolean g)) {
            throw new IllegalArgumentException("a boolean is required; received [" + greedy + "]");
        }
        if (s.isEmpty() || l.isEmpty() || r.isEmpty()) {
            return s;
        }
        String haystack = ci ? s.toLowerCase(Locale.ROOT) : s;
        if (ci) {
            l = l.toLowerCase(Locale.ROOT);
            r = r.toLowerCase(Locale.ROOT);
        }
        int at = haystack.indexOf(l);
        if (at < 0) {
            return "";
        }
        int start = at + l.length();
        int end = g ? haystack.lastIndexOf(r) : haystack.indexOf(r, start);
        if (end < 0) {
            return "";
        }
        return s.substring(start, end); // greedy with the right text before the left one fails there too
    }

    private static Object cidrMatch(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        String ip = string(a[0]);
        boolean inside = false;
        for (int i = 1; i < a.length; i++) {
            inside |= Cidr.parse(string(a[i])).contains(ip);
        }
        return inside;
    }

    private static Object concat(Object[] a) {
        StringBuilder out = new StringBuilder();
        for (Object v : a) {
            if (v == null) {
                return null;
            }
            out.append(v);
        }
        return out.toString();
    }

    /** {@code startsWith} ({@code atStart}) and {@code endsWith}, folding case with Locale.ROOT as Elasticsearch does. */
    private static Object affix(Object input, Object affix, boolean ci, boolean atStart) {
        if (input == null || affix == null) {
            return null;
        }
        String s = string(input);
        String p = string(affix);
        if (ci) {
            s = s.toLowerCase(Locale.ROOT);
            p = p.toLowerCase(Locale.ROOT);
        }
        return atStart ? s.startsWith(p) : s.endsWith(p);
    }

    private static Object stringContains(Object input, Object substring, boolean ci) {
        if (input == null || substring == null) {
            return null;
        }
        String s = string(input);
        String sub = string(substring);
        if (s.isEmpty() || sub.isEmpty()) {
            return false;
        }
        return ci ? s.toLowerCase(Locale.ROOT).contains(sub.toLowerCase(Locale.ROOT)) : s.contains(sub);
    }

    private static Object indexOf(Object input, Object substring, Object start, boolean ci) {
        if (input == null) {
            return null;
        }
        String s = string(input);
        if (substring == null) {
            return null;
        }
        String sub = string(substring);
        if (start != null && !(start instanceof Number)) {
            throw new IllegalArgumentException("a number is required; received [" + start + "]");
        }
        int from = start == null ? 0 : ((Number) start).intValue();
        int at = ci ? s.toLowerCase(Locale.ROOT).indexOf(sub.toLowerCase(Locale.ROOT), from) : s.indexOf(sub, from);
        return at < 0 ? null : (Object) (long) at;
    }

    private static Object substring(Object input, Object start, Object end) {
        if (input == null) {
            return null;
        }
        String s = string(input);
        if (start == null) {
            return s;
        }
        if (!(start instanceof Number) || (end != null && !(end instanceof Number))) {
            throw new IllegalArgumentException("a number is required; received [" + (start instanceof Number ? end : start) + "]");
        }
        int length = s.length();
        int from = ((Number) start).intValue();
        int to = end == null ? length : ((Number) end).intValue();
        if (length == 0) {
            return s;
        }
        if (from < 0) {
            from = Math.max(from + length, 0);
        }
        if (to < 0) {
            to = Math.max(to + length, 0);
        } else if (to > length) {
            to = length;
        }
        return from >= to ? "" : s.substring(from, to);
    }

    private static Object number(Object input, Object base) {
        if (input == null) {
            return null;
        }
        String s = string(input);
        boolean hexPrefix = s.startsWith("0x");
        int radix;
        if (base == null) {
            radix = hexPrefix ? 16 : 10;
        } else if (base instanceof Long b && b == b.intValue()) {
            radix = b.intValue();
        } else {
            throw new IllegalArgumentException("an integer base is required; received [" + base + "]");
        }
        if (hexPrefix && radix == 16) {
            s = s.substring(2);
        }
        if (radix == 10) {
            return decimal(s);
        }
        try {
            return (long) Integer.parseInt(s, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unable to convert [" + s + "] to number of base [" + radix + "]");
        }
    }

    /** Base 10 reads decimals too, the way Elasticsearch does it: with java.text.DecimalFormat. */
    private static Object decimal(String s) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setDecimalSeparator('.');
        DecimalFormat format = new DecimalFormat("#", symbols);
        format.setGroupingUsed(false);
        format.setNegativePrefix("-");
        ParsePosition position = new ParsePosition(0);
        Number parsed = format.parse(s, position);
        if (parsed == null || position.getIndex() < s.length()) {
            throw new IllegalArgumentException("unable to convert [" + s + "] to number of base [10]");
        }
        return parsed instanceof Long ? parsed : (Object) parsed.doubleValue();
    }
}
