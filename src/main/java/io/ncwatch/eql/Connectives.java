package io.ncwatch.eql;

import java.util.ArrayList;
import java.util.List;

/** {@code and}, {@code or} and {@code not} over compiled conditions, and the constants. */
final class Connectives {
    private Connectives() {}

    static final Condition ALWAYS = new Constant(true);
    static final Condition NEVER = new Constant(false);

    /** A conjunction, with nested conjunctions flattened into it. */
    static Condition and(List<Condition> terms) {
        List<Condition> flat = new ArrayList<>();
        for (Condition term : terms) {
            if (term instanceof And and) {
                flat.addAll(List.of(and.terms));
            } else {
                flat.add(term);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new And(flat.toArray(Condition[]::new));
    }

    /** A disjunction, with nested disjunctions flattened into it. */
    static Condition or(List<Condition> terms) {
        List<Condition> flat = new ArrayList<>();
        for (Condition term : terms) {
            if (term instanceof Or or) {
                flat.addAll(List.of(or.terms));
            } else {
                flat.add(term);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Or(flat.toArray(Condition[]::new));
    }

    static Condition not(Condition operand) {
        return new Not(operand);
    }

    /** Most terms are field conditions: a direct, inlinable call for them, a virtual one for the rest. */
    private static boolean testTerm(Condition term, FieldValues event) {
        return term instanceof FieldCondition field ? field.test(event) : term.test(event);
    }

    /** A constant verdict; each instance is distinct, so a null verdict can be told from false. */
    static final class Constant extends Condition {
        private final boolean verdict;

        Constant(boolean verdict) {
            this.verdict = verdict;
        }

        @Override
        boolean test(FieldValues event) {
            return verdict;
        }
    }

    private static final class And extends Condition {
        private final Condition[] terms;

        And(Condition[] terms) {
            this.terms = terms;
        }

        @Override
        boolean test(FieldValues event) {
            for (Condition term : terms) {
                if (!testTerm(term, event)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Or extends Condition {
        private final Condition[] terms;

        Or(Condition[] terms) {
            this.terms = terms;
        }

        @Override
        boolean test(FieldValues event) {
            for (Condition term : terms) {
                if (testTerm(term, event)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Elasticsearch's must_not: true on an event where the operand is false, absent fields included. */
    private static final class Not extends Condition {
        private final Condition operand;

        Not(Condition operand) {
            this.operand = operand;
        }

        @Override
        boolean test(FieldValues event) {
            return !operand.test(event);
        }
    }
}
