package io.ncwatch.eql.runtime;

/**
 * ASCII-only case folding, as Elasticsearch's case-insensitive term, prefix and wildcard queries do it:
 * {@code A-Z} and {@code a-z} are one letter each, every other character (including {@code É} and
 * {@code é}) is compared as it is. {@link String#equalsIgnoreCase} folds Unicode, so it is not used.
 */
final class Ascii {
    private Ascii() {}

    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static String fold(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    /** Whether {@code s} starting at {@code offset} reads {@code folded} (already folded) without case. */
    static boolean regionMatches(String s, int offset, String folded) {
        if (offset < 0 || offset + folded.length() > s.length()) {
            return false;
        }
        for (int i = 0; i < folded.length(); i++) {
            char c = s.charAt(offset + i);
            if (c != folded.charAt(i) && fold(c) != folded.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean equals(String s, String folded) {
        return s.length() == folded.length() && regionMatches(s, 0, folded);
    }

    /** First index at or after {@code from} where {@code folded} (already folded) occurs without case, or -1. */
    static int indexOf(String s, String folded, int from) {
        int last = s.length() - folded.length();
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (regionMatches(s, i, folded)) {
                return i;
            }
        }
        return -1;
    }
}
