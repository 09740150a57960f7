package io.ncwatch.eql.runtime;

import java.util.List;

/** A value passes when it passes one of the tests: a list of patterns is an OR. */
public final class AnyValueMatcher implements ValueMatcher {
    private final ValueMatcher[] tests;

    private AnyValueMatcher(ValueMatcher[] tests) {
        this.tests = tests;
    }

    public static ValueMatcher of(List<ValueMatcher> tests) {
        return tests.size() == 1 ? tests.get(0) : new AnyValueMatcher(tests.toArray(ValueMatcher[]::new));
    }

    @Override
    public boolean test(Object value) {
        for (ValueMatcher test : tests) {
            if (test.test(value)) {
                return true;
            }
        }
        return false;
    }
}
