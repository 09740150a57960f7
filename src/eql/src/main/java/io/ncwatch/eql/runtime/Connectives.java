package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.List;

/** {@code and}, {@code or} and {@code not} over compiled conditions, and the constants. */
public final class Connectives {
    private Connectives() {}

    public static final Condition ALWAYS = event -> true;
    public static final Condition NEVER = event -> false;

    /** A conjunction, with nested conjunctions flattened into it. */
    public static Condition and(List<Condition> terms) {
        Condition[] flat = flatten(terms, And.class);
        return flat.length == 1 ? flat[0] : new And(flat);
    }

    /** A disjunction, with nested disjunctions flattened into it. */
    public static Condition or(List<Condition> terms) {
        Condition[] flat = flatten(terms, Or.class);
        return flat.length == 1 ? flat[0] : new Or(flat);
    }

    private static Condition[] flatten(List<Condition> terms, Class<? extends Connective> kind) {
        List<Condition> flat = new ArrayList<>();
        for (Condition term : terms) {
            if (kind.isInstance(term)) {
                flat.addAll(List.of(((Connective) term).terms));
            } else {
                flat.add(term);
            }
        }
        return flat.toArray(Condition[]::new);
    }

    public static Condition not(Condition operand) {
        return new Not(operand);
    }

    private abstract static class Connective implements Condition {
        final Condition[] terms;

        Connective(Condition[] terms) {
            this.terms = terms;
        }
    }

    private static final class And extends Connective {
        And(Condition[] terms) {
            super(terms);
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

    private static final class Or extends Connective {
        Or(Condition[] terms) {
            super(terms);
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
