package io.ncwatch.eql;

import java.util.List;

/** {@code and}, {@code or} and {@code not} over compiled conditions, and the constants. */
final class Connectives {
    private Connectives() {}

    static final Condition ALWAYS = event -> true;
    static final Condition NEVER = event -> false;

    static Condition and(List<Condition> terms) {
        return terms.size() == 1 ? terms.get(0) : new And(terms.toArray(Condition[]::new));
    }

    static Condition or(List<Condition> terms) {
        return terms.size() == 1 ? terms.get(0) : new Or(terms.toArray(Condition[]::new));
    }

    static Condition not(Condition operand) {
        return new Not(operand);
    }

    private static final class And implements Condition {
        private final Condition[] terms;

        And(Condition[] terms) {
            this.terms = terms;
        }

        @Override
        public boolean test(FieldValues event) {
            for (Condition term : terms) {
                if (!term.test(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Or implements Condition {
        private final Condition[] terms;

        Or(Condition[] terms) {
            this.terms = terms;
        }

        @Override
        public boolean test(FieldValues event) {
            for (Condition term : terms) {
                if (term.test(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Elasticsearch's must_not: true on an event where the operand is false, absent fields included. */
    private static final class Not implements Condition {
        private final Condition operand;

        Not(Condition operand) {
            this.operand = operand;
        }

        @Override
        public boolean test(FieldValues event) {
            return !operand.test(event);
        }
    }
}
