package io.ncwatch.eql.runtime;

/** The relation {@code == < <= > >=} asks for between two values, decided from the sign of their comparison. */
public enum Relation {
    EQ, LT, LE, GT, GE;

    /** Whether a comparison whose result has this {@code sign} (negative, zero, positive) holds. */
    boolean holds(int sign) {
        return switch (this) {
            case EQ -> sign == 0;
            case LT -> sign < 0;
            case LE -> sign <= 0;
            case GT -> sign > 0;
            case GE -> sign >= 0;
        };
    }
}
