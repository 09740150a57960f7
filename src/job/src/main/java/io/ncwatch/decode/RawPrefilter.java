package io.ncwatch.decode;

import io.ncwatch.eql.runtime.Needle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * <p>The usual event has no backslash and few places where a needle's first two bytes meet: those are
 * found eight bytes at a time (for up to {@value #MAX_WORD_STARTS} distinct two-byte starts), and only
 * they are looked at closer; from a backslash on, every byte is. A closer look goes through 256-entry
 * tables of the needles each byte can be the first, second or third byte of, as bit sets; hence at most
 * {@value #MAX_PATTERNS} distinct needles, beyond which (and for no needles, an empty needle, or a
 * needle with a character JSON must escape) the filter gives up and always answers true.
 */
public final class RawPrefilter {
    static final int MAX_PATTERNS = 63;
    /** Two-byte starts the eight-byte test checks: each costs; JIT-compiled loops over an array cost more. */
    private static final int MAX_WORD_STARTS = 2;
    /** How many leading bytes of a needle the tables of {@link #byteAt} sieve by. */
    private static final int SIEVE_BYTES = 3;
    /** Bit 63 of {@link #byteAt}{@code [0]}: the byte is a backslash, an escape to decode. */
    private static final long ESCAPE = 1L << 63;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long BACKSLASHES = ONES * '\\';
    /** OR-ed into bytes, folds ASCII letters (and merges a few other bytes: fine for a first sieve). */
    private static final long CASE_BITS = ONES * 0x20;
    private static final long HIGH_BITS = ONES << 7;

    private final boolean always;
    private final byte[][] patterns;
    private final boolean[] foldCase;
    /**
     * {@code byteAt[k][b]}: the needles (as bits) whose byte k may be b, or that are shorter than k + 1;
     * {@code byteAt[0]['\\']} is {@link #ESCAPE} alone, as no needle has a backslash.
     */
    private final long[][] byteAt = new long[SIEVE_BYTES][256];
    private final boolean[] asciiInNeedles = new boolean[128];
    private boolean nonAsciiInNeedles;
    /**
     * Whether the needles have at most {@value #MAX_WORD_STARTS} distinct two-byte starts (OR-ed with 0x20),
     * and then those, each byte repeated in all 8 bytes of a long (one start is given twice).
     */
    private final boolean byWords;
    private final long first0, second0, first1, second1;

    public RawPrefilter(List<Needle> needles) {
        Set<Needle> distinct = new LinkedHashSet<>(needles);
        this.always = distinct.isEmpty() || distinct.size() > MAX_PATTERNS || distinct.stream().anyMatch(RawPrefilter::unsearchable);
        this.patterns = new byte[always ? 0 : distinct.size()][];
        this.foldCase = new boolean[patterns.length];
        Set<Integer> starts = new LinkedHashSet<>();
        int n = 0;
        for (Needle needle : always ? Set.<Needle>of() : distinct) {
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
            starts.add(pattern.length < 2 ? -1 : ((pattern[0] | 0x20) & 0xff) << 8 | ((pattern[1] | 0x20) & 0xff));
            n++;
        }
        byteAt[0]['\\'] = ESCAPE;
        this.byWords = !starts.isEmpty() && !starts.contains(-1) && starts.size() <= MAX_WORD_STARTS;
        int[] start = starts.stream().mapToInt(Integer::intValue).toArray();
        int start0 = byWords ? start[0] : 0;
        int start1 = byWords ? start[start.length - 1] : 0;
        this.first0 = ONES * (start0 >> 8);
        this.second0 = ONES * (start0 & 0xff);
        this.first1 = ONES * (start1 >> 8);
        this.second1 = ONES * (start1 & 0xff);
    }

    /** False only when {@code json[off, off + len)} cannot contain any needle. */
    public boolean mayMatch(byte[] json, int off, int len) {
        if (always) {
            return true;
        }
        return byWords ? scanWords(json, off, off + len) : scan(json, off, off + len);
    }

    /**
     * Eight positions at a time: a position gets a closer look when it may hold a needle's first two
     * bytes or a backslash; from a backslash on, every byte does.
     */
    private boolean scanWords(byte[] json, int off, int end) {
        int i = off;
        for (; i + 9 <= end; i += 8) {
            long word = (long) LONGS.get(json, i);
            long folded = word | CASE_BITS;
            long next = (long) LONGS.get(json, i + 1) | CASE_BITS;
            long flagged = (zeroBytesAndMore(word ^ BACKSLASHES)
                    | zeroBytesAndMore((folded ^ first0) | (next ^ second0))
                    | zeroBytesAndMore((folded ^ first1) | (next ^ second1))) & HIGH_BITS;
            for (; flagged != 0; flagged &= flagged - 1) {
                int at = i + (Long.numberOfTrailingZeros(flagged) >>> 3);
                long candidates = byteAt[0][json[at] & 0xff];
                if (candidates == ESCAPE) {
                    return scan(json, i, end);
                }
                if (startsAt(json, at, end, candidates)) {
                    return true;
                }
            }
        }
        return scan(json, i, end);
    }

    /** Whether a needle starts in {@code [from, end)}, visiting every byte and decoding escapes. */
    private boolean scan(byte[] json, int from, int end) {
        for (int i = from; i < end; i++) {
            long candidates = byteAt[0][json[i] & 0xff];
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
            if (startsAt(json, i, end, candidates)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the {@code candidates}, bits of needles that may start with {@code json[i]}, starts at i. */
    private boolean startsAt(byte[] json, int i, int end, long candidates) {
        for (int k = 1; k < SIEVE_BYTES && i + k < end; k++) {
            candidates &= byteAt[k][json[i + k] & 0xff];
        }
        for (; candidates != 0; candidates &= candidates - 1) {
            if (matchesAt(json, i, end, Long.numberOfTrailingZeros(candidates))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the high bit of each zero byte of {@code x}, and maybe of a byte above one; other bits are
     * noise ({@code & HIGH_BITS} clears them).
     */
    private static long zeroBytesAndMore(long x) {
        return (x - ONES) & ~x;
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
        boolean inNeedle = decoded < 128 ? asciiInNeedles[decoded] : nonAsciiInNeedles;
        return inNeedle ? -1 : i + (json[i + 1] == 'u' ? 6 : 2);
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
        for (int k = 0; k < SIEVE_BYTES; k++) {
            for (int b = 0; b < 256; b++) {
                if (k >= pattern.length || same((byte) b, pattern[k], foldCase[n])) {
                    byteAt[k][b] |= 1L << n;
                }
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
