package io.ncwatch.alert;

import java.util.Locale;

/** A rule's severity label as the number ECS {@code event.severity} carries (Elastic's default risk scores). */
public final class Severity {
    private Severity() {}

    /** low 21, medium 47, high 73, critical 99; an unknown label is 0. */
    public static int number(String label) {
        return switch (label == null ? "" : label.toLowerCase(Locale.ROOT)) {
            case "low" -> 21;
            case "medium" -> 47;
            case "high" -> 73;
            case "critical" -> 99;
            default -> 0;
        };
    }
}
