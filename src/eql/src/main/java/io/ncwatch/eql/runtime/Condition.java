package io.ncwatch.eql.runtime;

/** A compiled part of a query's condition; the boolean connectives combine these. */
public interface Condition {
    boolean test(FieldValues event);
}
