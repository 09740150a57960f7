package io.ncwatch.eql;

/**
 * Switches of evaluation.
 *
 * @param ignoreAbove strings longer than this many characters are treated as not indexed, as the ECS
 *     {@code keyword} mapping ({@code ignore_above: 1024}) makes Elasticsearch do; 0 switches it off
 */
public record EqlOptions(int ignoreAbove) {
    public static final EqlOptions ELASTICSEARCH = new EqlOptions(1024);

    public EqlOptions {
        if (ignoreAbove < 0) {
            throw new IllegalArgumentException("ignoreAbove must be >= 0, got " + ignoreAbove);
        }
    }
}
