package io.ncwatch.eql.ast;

/** A node of an EQL condition, as written: no evaluation, no Flink. */
public sealed interface Expr
        permits Expr.And, Expr.Or, Expr.Not, Expr.Comparison, Expr.Match, Expr.Field, Expr.Literal,
                Expr.Call, Expr.Arithmetic, Expr.Negate {

    /** {@code a and b and ...} */
    record And(java.util.List<Expr> terms) implements Expr {}

    /** {@code a or b or ...} */
    record Or(java.util.List<Expr> terms) implements Expr {}

    /** {@code not x}; {@code !=} and {@code not in} are parsed to a Not around the positive form. */
    record Not(Expr operand) implements Expr {}

    /** {@code == < <= > >=}. */
    record Comparison(CompareOp op, Expr left, Expr right) implements Expr {}

    /**
     * {@code in}, {@code in~}, {@code like}, {@code like~}, {@code regex}, {@code regex~} and {@code :}
     * ({@code :} is LIKE with caseInsensitive). A single pattern is a list of one.
     */
    record Match(MatchKind kind, boolean caseInsensitive, Expr value, java.util.List<Expr> patterns) implements Expr {}

    /** A field reference; {@code path} is the dotted ECS name without backticks. */
    record Field(String path, boolean optional) implements Expr {}

    /** A constant: String, Long, Double, Boolean, or null for {@code null}. */
    record Literal(Object value) implements Expr {}

    /** A function call; {@code name} without the trailing {@code ~}. */
    record Call(String name, boolean caseInsensitive, java.util.List<Expr> args) implements Expr {}

    /** {@code + - * / %}. */
    record Arithmetic(ArithmeticOp op, Expr left, Expr right) implements Expr {}

    /** Unary minus on a non-literal. */
    record Negate(Expr operand) implements Expr {}

    enum CompareOp { EQ, LT, LE, GT, GE }

    enum MatchKind { IN, LIKE, REGEX }

    enum ArithmeticOp { ADD, SUB, MUL, DIV, MOD }
}
