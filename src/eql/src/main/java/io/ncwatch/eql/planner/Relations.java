package io.ncwatch.eql.planner;

import io.ncwatch.eql.parser.ast.Expr.CompareOp;
import io.ncwatch.eql.runtime.Relation;

/** The comparison operators of the syntax as the relations the runtime decides. */
final class Relations {
    private Relations() {}

    static Relation of(CompareOp op) {
        return switch (op) {
            case EQ -> Relation.EQ;
            case LT -> Relation.LT;
            case LE -> Relation.LE;
            case GT -> Relation.GT;
            case GE -> Relation.GE;
        };
    }

    /** The operator with its operands swapped: {@code 5 < x} is {@code x > 5}. */
    static CompareOp flip(CompareOp op) {
        return switch (op) {
            case EQ -> CompareOp.EQ;
            case LT -> CompareOp.GT;
            case LE -> CompareOp.GE;
            case GT -> CompareOp.LT;
            case GE -> CompareOp.LE;
        };
    }
}
