package io.ncwatch.eql.runtime;

/**
 * A matcher of one non-null, indexed value of a field (a String, Long, Double or Boolean): the part of a
 * field-versus-literal comparison that Elasticsearch answers with a term, terms, range, prefix,
 * wildcard or regexp query.
 */
@FunctionalInterface
public interface ValueMatcher {
    /** Any indexed value: the field is present. */
    ValueMatcher PRESENT = value -> true;

    boolean test(Object value);
}
