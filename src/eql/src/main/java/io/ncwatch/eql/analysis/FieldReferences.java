package io.ncwatch.eql.analysis;

import io.ncwatch.eql.parser.ast.Expr;
import java.util.LinkedHashSet;
import java.util.Set;

/** The fields an expression refers to. */
public final class FieldReferences {
    private FieldReferences() {}

    /** The dotted paths of the fields in {@code e}, in the order they are first written. */
    public static Set<String> of(Expr e) {
        Set<String> paths = new LinkedHashSet<>();
        collect(e, paths);
        return paths;
    }

    /** Whether {@code e} refers to no field: a constant, which the planner folds to its value. */
    public static boolean isConstant(Expr e) {
        return of(e).isEmpty();
    }

    private static void collect(Expr e, Set<String> paths) {
        if (e instanceof Expr.Field field) {
            paths.add(field.path());
        }
        for (Expr child : e.children()) {
            collect(child, paths);
        }
    }
}
