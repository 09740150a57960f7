package io.ncwatch.eql.runtime;

/**
 * An expression evaluated as Elasticsearch's EQL scripts evaluate it: over one value per field
 * occurrence ({@code bindings}), three-valued (a Boolean result may be null), null in and null out.
 */
public interface ScriptExpr {
    Object eval(Object[] bindings);

    record Constant(Object value) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            return value;
        }
    }

    /** The value bound to one occurrence of a field. */
    record Binding(int index) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            return bindings[index];
        }
    }

    record Call(String name, boolean caseInsensitive, ScriptExpr[] args) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].eval(bindings);
            }
            return EqlFunctions.call(name, caseInsensitive, values);
        }
    }

    record Arithmetic(String function, ScriptExpr left, ScriptExpr right) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            return EqlFunctions.arithmetic(function, left.eval(bindings), right.eval(bindings));
        }
    }

    record Negate(ScriptExpr operand) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            return EqlFunctions.negate(operand.eval(bindings));
        }
    }

    /** {@code == < <= > >=}: numbers by value, otherwise same-type natural order, else null. */
    record Compare(Relation relation, ScriptExpr left, ScriptExpr right) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            Integer sign = compare(left.eval(bindings), right.eval(bindings));
            return sign == null ? null : relation.holds(sign);
        }

        static Integer compare(Object l, Object r) {
            if (l == null || r == null) {
                return null;
            }
            if ((l instanceof Long || l instanceof Double) && (r instanceof Long || r instanceof Double)) {
                return Numbers.compare(l, (Number) r);
            }
            if (l instanceof String a && r instanceof String b) {
                return a.compareTo(b);
            }
            if (l instanceof Boolean a && r instanceof Boolean b) {
                return a.compareTo(b);
            }
            return null;
        }
    }

    /**
     * Case-insensitive equality of a script ({@code :} or {@code in~} without wildcards): strings compare
     * with {@link String#compareToIgnoreCase}, which folds more than ASCII, other values as {@code ==}.
     */
    record InsensitiveEquals(ScriptExpr left, ScriptExpr right) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            Object l = left.eval(bindings);
            Object r = right.eval(bindings);
            if (l instanceof String a && r instanceof String b) {
                return a.compareToIgnoreCase(b) == 0;
            }
            Integer sign = Compare.compare(l, r);
            return sign == null ? null : sign == 0;
        }
    }

    /** True when either operand is true: a list of patterns is an OR. */
    record AnyTrue(ScriptExpr left, ScriptExpr right) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            return left.eval(bindings) == Boolean.TRUE || right.eval(bindings) == Boolean.TRUE;
        }
    }

    /** {@code like}, {@code regex} and {@code :} with wildcards on a computed string. */
    record Match(ScriptExpr value, ValueMatcher test) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            Object v = value.eval(bindings);
            return v instanceof String ? test.test(v) : null;
        }
    }

    record IsNull(ScriptExpr operand) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            return operand.eval(bindings) == null;
        }
    }

    record Not(ScriptExpr operand) implements ScriptExpr {
        @Override
        public Object eval(Object[] bindings) {
            Object v = operand.eval(bindings);
            return v instanceof Boolean b ? !b : null;
        }
    }
}
