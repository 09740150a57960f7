package io.ncwatch.eql;

/** A compiled part of a query's condition; the boolean connectives combine these. */
interface Condition {
    boolean test(FieldValues event);
}
