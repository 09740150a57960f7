package io.ncwatch.eql.runtime;

/** A test of a value as its field's mapping indexes it; a value the field cannot index passes nothing. */
public final class MappedValueMatcher implements ValueMatcher {
    private final MappedType type;
    private final ValueMatcher test;

    /** {@code test} was built from literals already in {@code type}'s indexed form. */
    public MappedValueMatcher(MappedType type, ValueMatcher test) {
        this.type = type;
        this.test = test;
    }

    @Override
    public boolean test(Object value) {
        if (type == MappedType.KEYWORD && value instanceof String) { // the common case: indexed as written
            return test.test(value);
        }
        Object indexed = type.indexed(value);
        return indexed != null && test.test(indexed);
    }
}
