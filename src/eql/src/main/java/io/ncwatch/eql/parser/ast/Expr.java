package io.ncwatch.eql.parser.ast;

import java.util.ArrayList;
import java.util.List;

/** A node of an EQL condition, as written: no evaluation, no Flink. */
public sealed interface Expr
        permits Expr.And, Expr.Or, Expr.Not, Expr.Comparison, Expr.Match, Expr.Field, Expr.Literal,
                Expr.Call, Expr.Arithmetic, Expr.Negate {

    /** The operands of this node, in the order they are written; empty for fields and literals. */
    default List<Expr> children() {
        if (this instanceof And and) {
            return and.terms();
        }
        if (this instanceof Or or) {
            return or.terms();
        }
        if (this instanceof Not not) {
            return List.of(not.operand());
        }
        if (this instanceof Comparison c) {
            return List.of(c.left(), c.right());
        }
        if (this instanceof Match m) {
            List<Expr> operands = new ArrayList<>(List.of(m.value()));
            operands.addAll(m.patterns());
            return operands;
        }
        if (this instanceof Call call) {
            return call.args();
        }
        if (this instanceof Arithmetic a) {
            return List.of(a.left(), a.right());
        }
        if (this instanceof Negate n) {
            return List.of(n.operand());
        }
        return List.of();
    }

    /** {@code a and b and ...} */
    record And(List<Expr> terms) implements Expr {}

    /** {@code a or b or ...} */
    record Or(List<Expr> terms) implements Expr {}

    /** {@code not x}; {@code !=} and {@code not in} are parsed to a Not around the positive form. */
    record Not(Expr operand) implements Expr {}

    /** {@code == < <= > >=}. */
    record Comparison(CompareOp op, Expr left, Expr right) implements Expr {}

    /**
     * {@code in}, {@code in~}, {@code like}, {@code like~}, {@code regex}, {@code regex~} and {@code :}
     * ({@code :} is LIKE with caseInsensitive). A single pattern is a list of one.
     */
    record Match(MatchKind kind, boolean caseInsensitive, Expr value, List<Expr> patterns) implements Expr {}

    /** A field reference; {@code path} is the dotted ECS name without backticks. */
    record Field(String path, boolean optional) implements Expr {}

    /** A constant: String, Long, Double, Boolean, or null for {@code null}. */
    record Literal(Object value) implements Expr {}

    /** A function call; {@code name} without the trailing {@code ~}. */
    record Call(String name, boolean caseInsensitive, List<Expr> args) implements Expr {}

    /** {@code + - * / %}. */
    record Arithmetic(ArithmeticOp op, Expr left, Expr right) implements Expr {}

    /** Unary minus on a non-literal. */
    record Negate(Expr operand) implements Expr {}

    enum CompareOp { EQ, LT, LE, GT, GE }

    enum MatchKind { IN, LIKE, REGEX }

    enum ArithmeticOp { ADD, SUB, MUL, DIV, MOD }
}
