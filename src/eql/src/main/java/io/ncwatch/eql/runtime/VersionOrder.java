package io.ncwatch.eql.runtime;

import java.util.regex.Pattern;

/**
 * Versions in the order of a {@code version} field: a text whose code-point order is software version
 * precedence (Semantic Versioning, with any number of main parts). Numbers compare numerically, a
 * pre-release sorts before its release, a build suffix compares as text; a text that is no such version
 * sorts after every version, as written.
 */
final class VersionOrder {
    private static final Pattern MAIN = Pattern.compile("(0|[1-9]\\d*)(\\.(0|[1-9]\\d*))*");
    private static final String IDENTIFIER = "(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern PRE_RELEASE = Pattern.compile("-" + IDENTIFIER + "(\\." + IDENTIFIER + ")*");
    private static final Pattern BUILD = Pattern.compile("\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*");
    /** Markers below every printable character: a number's start, then whether a pre-release follows. */
    private static final char NUMBER = '\u0001';
    private static final char WITH_PRE_RELEASE = '\u0002';
    private static final char RELEASE = '\u0003';

    private VersionOrder() {}

    static String encode(String version) {
        int plus = version.indexOf('+');
        String build = plus > 0 ? version.substring(plus) : "";
        String rest = plus > 0 ? version.substring(0, plus) : version;
        int minus = rest.indexOf('-');
        String preRelease = minus > 0 ? rest.substring(minus) : "";
        String main = minus > 0 ? rest.substring(0, minus) : rest;
        boolean valid = MAIN.matcher(main).matches()
                && (preRelease.isEmpty() || PRE_RELEASE.matcher(preRelease).matches())
                && (build.isEmpty() || BUILD.matcher(build).matches());
        if (!valid) {
            return version.isEmpty() ? String.valueOf(RELEASE) : version;
        }
        StringBuilder out = new StringBuilder();
        numbersByLength(main, out);
        if (preRelease.isEmpty()) {
            out.append(RELEASE);
        } else {
            out.append(WITH_PRE_RELEASE).append('-');
            String[] parts = preRelease.substring(1).split("\\.");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.append('.');
                }
                if (parts[i].chars().allMatch(Character::isDigit)) {
                    numbersByLength(parts[i], out);
                } else {
                    out.append(parts[i]);
                }
            }
        }
        return out.append(build).toString();
    }

    /** Each run of digits prefixed by its length, so that longer numbers sort after shorter ones. */
    private static void numbersByLength(String text, StringBuilder out) {
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.append(NUMBER).append((char) (0x80 + i - start)).append(text, start, i);
            } else {
                out.append(text.charAt(i++));
            }
        }
    }
}
