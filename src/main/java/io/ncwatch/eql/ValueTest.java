package io.ncwatch.eql;

/**
 * A test of one non-null, indexed value of a field (a String, Long, Double or Boolean): the part of a
 * field-versus-literal comparison that Elasticsearch answers with a term, terms, range, prefix,
 * wildcard or regexp query. An abstract class for a virtual rather than an interface dispatch.
 */
abstract class ValueTest {
    /** Any indexed value: a field that is present. */
    static final ValueTest PRESENT = new ValueTest() {
        @Override
        boolean test(Object value) {
            return true;
        }
    };

    abstract boolean test(Object value);
}
