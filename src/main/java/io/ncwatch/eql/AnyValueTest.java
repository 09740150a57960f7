package io.ncwatch.eql;

import java.util.List;

/** A value passes when it passes one of the tests: a list of patterns is an OR. */
final class AnyValueTest implements ValueTest {
    private final ValueTest[] tests;

    private AnyValueTest(ValueTest[] tests) {
        this.tests = tests;
    }

    static ValueTest of(List<ValueTest> tests) {
        return tests.size() == 1 ? tests.get(0) : new AnyValueTest(tests.toArray(ValueTest[]::new));
    }

    @Override
    public boolean test(Object value) {
        for (ValueTest test : tests) {
            if (test.test(value)) {
                return true;
            }
        }
        return false;
    }
}
