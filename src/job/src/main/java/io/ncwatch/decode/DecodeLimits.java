package io.ncwatch.decode;

/**
 * Bounds on one event's JSON, so that a hostile or broken producer cannot exhaust memory or stack.
 * An event over a bound is rejected with {@link MalformedEventException}, never truncated.
 *
 * @param maxEventBytes the largest event, in bytes of UTF-8 JSON
 * @param maxDepth the deepest nesting of objects and arrays ({@code {"a":{"b":1}}} has depth 2)
 * @param maxValueChars the longest string value of a decoded field; strings of fields that no query
 *     reads are skipped unread and bounded only by {@code maxEventBytes}
 */
public record DecodeLimits(int maxEventBytes, int maxDepth, int maxValueChars) {

    /**
     * 1 MiB per event, depth 64 (ECS documents nest about 6 deep), and 128 Ki characters per value: the
     * longest single argument Linux passes to a process ({@code MAX_ARG_STRLEN}).
     */
    public static final DecodeLimits DEFAULT = new DecodeLimits(1 << 20, 64, 128 * 1024);

    /** Decoding recurses once per level, so the depth bound also bounds the stack. */
    static final int DEPTH_CEILING = 1000;

    public DecodeLimits {
        if (maxEventBytes < 2) {
            throw new IllegalArgumentException("maxEventBytes must be >= 2, got " + maxEventBytes);
        }
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be 1.." + DEPTH_CEILING + ", got " + maxDepth);
        }
        if (maxValueChars < 1) {
            throw new IllegalArgumentException("maxValueChars must be >= 1, got " + maxValueChars);
        }
    }
}
