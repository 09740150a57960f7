package io.ncwatch.eql;

/**
 * A compiled part of a query's condition; the boolean connectives combine these. An abstract class
 * rather than an interface: the hot path calls it through a virtual, not an interface, dispatch.
 */
abstract class Condition {
    abstract boolean test(FieldValues event);
}
