package io.ncwatch.event;

import io.ncwatch.eql.Needle;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells from an event's raw UTF-8 JSON bytes, before decoding, whether it may contain one of the
 * {@link Needle}s that every match of the compiled queries contains. {@link #mayMatch} is false only
 * when no string of the event can contain a needle, so the caller may skip decoding.
 *
 * <p>A needle is searched as its UTF-8 bytes, with a quote before it when it starts the value and after
 * it when it ends the value, ASCII letters folded when it ignores case. A value written with JSON escapes
 * ({@code "\u006ec"} is {@code "nc"}) may hold a needle its bytes do not show; but such a needle then
 * includes an escaped character. So every escape in the input is decoded on the way, and when it stands
 * for a character that occurs in some needle (either case when that needle ignores case; any character
 * above ASCII when some needle has one), the answer is true. Every other occurrence of a needle is made
 * of unescaped characters and appears verbatim in the bytes. A malformed escape also answers true, so
 * that the decoder, not this filter, judges the event.
 *
 * <p>One pass over the bytes for all needles: a 256-entry table of the needles each byte can start, and
 * one of those each byte can continue, as bit sets; hence at most {@value #MAX_PATTERNS} distinct needles,
 * beyond which (and for no needles, an empty needle, or a needle with a character JSON must escape)
 * the filter gives up and always answers true.
 */
public final class RawPrefilter {
    static final int MAX_PATTERNS = 63;
    /** Bit 63 of {@link #firstByte}: the byte is a backslash, an escape to decode. */
    private static final long ESCAPE = 1L << 63;

    private final boolean always;
    private final byte[][] patterns;
    private final boolean[] foldCase;
    private final long[] firstByte = new long[256];
    private final long[] secondByte = new long[256];
    private final boolean[] asciiInNeedles = new boolean[128];
    private boolean nonAsciiInNeedles;

    public RawPrefilter(List<Needle> needles) {
        Set<Needle> distinct = new LinkedHashSet<>(needles);
        this.always = distinct.isEmpty() || distinct.size() > MAX_PATTERNS || distinct.stream().anyMatch(RawPrefilter::unsearchable);
        this.patterns = new byte[always ? 0 : distinct.size()][];
        this.foldCase = new boolean[patterns.length];
        if (always) {
            return;
        }
        int n = 0;
        for (Needle needle : distinct) {
            String text = needle.atStart() ? "\"" + needle.text() : needle.text();
            text = needle.atEnd() ? text + "\"" : text;
            byte[] pattern = text.getBytes(StandardCharsets.UTF_8);
            foldCase[n] = needle.caseInsensitive();
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = foldCase[n] ? lower(pattern[i]) : pattern[i];
            }
            patterns[n] = pattern;
            index(n, pattern);
            needle.text().chars().forEach(c -> noteNeedleChar((char) c, needle.caseInsensitive()));
            n++;
        }
        firstByte['\\'] |= ESCAPE;
    }

    /** False only when {@code json[off, off + len)} cannot contain any needle. */
    public boolean mayMatch(byte[] json, int off, int len) {
        if (always) {
            return true;
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            long candidates = firstByte[json[i] & 0xff];
            if (candidates == 0) {
                continue;
            }
            if (candidates == ESCAPE) {
                int escapeEnd = escapeEnd(json, i, end);
                if (escapeEnd < 0) {
                    return true;
                }
                i = escapeEnd - 1;
                continue;
            }
            if (i + 1 < end) {
                candidates &= secondByte[json[i + 1] & 0xff];
            }
            while (candidates != 0) {
                int n = Long.numberOfTrailingZeros(candidates);
                if (matchesAt(json, i, end, n)) {
                    return true;
                }
                candidates &= candidates - 1;
            }
        }
        return false;
    }

    /**
     * The end of the escape starting at the backslash at {@code i}, or -1 when it is malformed or stands
     * for a character that occurs in a needle.
     */
    private int escapeEnd(byte[] json, int i, int end) {
        if (i + 1 >= end) {
            return -1;
        }
        char decoded;
        int escapeEnd;
        switch (json[i + 1]) {
            case '"', '\\', '/' -> decoded = (char) json[i + 1];
            case 'b' -> decoded = '\b';
            case 'f' -> decoded = '\f';
            case 'n' -> decoded = '\n';
            case 'r' -> decoded = '\r';
            case 't' -> decoded = '\t';
            case 'u' -> {
                if (i + 6 > end) {
                    return -1;
                }
                int code = 0;
                for (int k = i + 2; k < i + 6; k++) {
                    int digit = Character.digit(json[k], 16);
                    if (digit < 0) {
                        return -1;
                    }
                    code = code * 16 + digit;
                }
                decoded = (char) code;
            }
            default -> {
                return -1;
            }
        }
        escapeEnd = json[i + 1] == 'u' ? i + 6 : i + 2;
        boolean inNeedle = decoded < 128 ? asciiInNeedles[decoded] : nonAsciiInNeedles;
        return inNeedle ? -1 : escapeEnd;
    }

    private boolean matchesAt(byte[] json, int i, int end, int n) {
        byte[] pattern = patterns[n];
        if (end - i < pattern.length) {
            return false;
        }
        boolean fold = foldCase[n];
        for (int k = 0; k < pattern.length; k++) {
            byte b = json[i + k];
            if ((fold ? lower(b) : b) != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    private void index(int n, byte[] pattern) {
        long bit = 1L << n;
        for (int b = 0; b < 256; b++) {
            if (same((byte) b, pattern[0], foldCase[n])) {
                firstByte[b] |= bit;
            }
            if (pattern.length == 1 || same((byte) b, pattern[1], foldCase[n])) {
                secondByte[b] |= bit;
            }
        }
    }

    private void noteNeedleChar(char c, boolean caseInsensitive) {
        if (c >= 128) {
            nonAsciiInNeedles = true;
        } else {
            asciiInNeedles[c] = true;
            if (caseInsensitive) {
                asciiInNeedles[Character.toLowerCase(c)] = true;
                asciiInNeedles[Character.toUpperCase(c)] = true;
            }
        }
    }

    private static boolean same(byte b, byte folded, boolean fold) {
        return (fold ? lower(b) : b) == folded;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** Empty, or with a character JSON must escape: its raw bytes say nothing. */
    private static boolean unsearchable(Needle needle) {
        return needle.text().isEmpty() || needle.text().chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20);
    }
}
