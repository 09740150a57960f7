package io.ncwatch.generate;

/**
 * Deterministic identifiers. Each is a bijective mix of a counter with the seed, so ids are unique
 * within a run and the same for the same seed.
 */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final long salt;

    Ids(long seed) {
        this.salt = mix(seed ^ 0x6e6377617463684cL);
    }

    /** A UUID-like (version 4 layout) id for the n-th event. */
    String eventId(long n) {
        long hi = mix(n ^ salt);
        long lo = mix(hi + salt);
        hi = (hi & 0xffffffffffff0fffL) | 0x4000L;
        lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L;
        char[] c = new char[36];
        hex(hi >>> 32, 8, c, 0);
        c[8] = '-';
        hex(hi >>> 16, 4, c, 9);
        c[13] = '-';
        hex(hi, 4, c, 14);
        c[18] = '-';
        hex(lo >>> 48, 4, c, 19);
        c[23] = '-';
        hex(lo, 12, c, 24);
        return new String(c);
    }

    /** A base64 entity id (16 characters) for process {@code pid} of container {@code container}. */
    String entityId(int container, int pid) {
        long a = mix(((long) container << 32 | pid) ^ salt);
        long b = mix(a ^ 0x5bd1e995L);
        char[] c = new char[16];
        long bits = a;
        for (int i = 0; i < 16; i++) {
            if (i == 10) {
                bits = b;
            }
            c[i] = BASE64[(int) (bits & 63)];
            bits >>>= 6;
        }
        return new String(c);
    }

    /** {@code chars} hex digits unique for (kind, n): container ids, host ids, cloud instance ids. */
    String hex(String kind, int n, int chars) {
        char[] c = new char[chars];
        long key = mix(((long) kind.hashCode() << 32 | n) ^ salt);
        long bits = key;
        for (int i = 0; i < chars; i++) {
            if (i > 0 && i % 16 == 0) {
                bits = mix(key + i);
            }
            c[i] = HEX[(int) (bits & 15)];
            bits >>>= 4;
        }
        return new String(c);
    }

    private static void hex(long v, int digits, char[] c, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            c[at + i] = HEX[(int) (v & 15)];
            v >>>= 4;
        }
    }

    /** The finalizer of SplitMix64: a bijection on 64 bits with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
