package io.ncwatch.eql.planner;

import io.ncwatch.eql.runtime.Condition;
import io.ncwatch.eql.runtime.Connectives;
import io.ncwatch.eql.runtime.Needle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code and}, {@code or} and {@code not} over planned parts: constants folded away, needles carried along. */
final class PartConnectives {
    private PartConnectives() {}

    static Part and(List<Part> terms) {
        List<Part> known = new ArrayList<>();
        for (Part term : terms) {
            if (term.condition() == Connectives.NEVER || term.condition() == Part.UNKNOWN) {
                return Part.of(Connectives.NEVER);
            }
            if (term.needles() != null) {
                known.add(term);
            }
        }
        // Order is free (no term has effects): rare literals first, scripts last, so most events
        // are rejected by the first term.
        List<Condition> conditions = terms.stream()
                .filter(term -> term.condition() != Connectives.ALWAYS)
                .sorted(Comparator.comparingInt(Part::evaluationRank))
                .map(Part::condition)
                .toList();
        if (conditions.isEmpty()) {
            return Part.of(Connectives.ALWAYS);
        }
        Part best = known.stream()
                .min(Comparator.comparing(Part::shared)
                        .thenComparing(p -> -shortest(p.needles()))
                        .thenComparing(p -> p.needles().size()))
                .orElse(null);
        Condition condition = Connectives.and(conditions);
        return best == null ? Part.of(condition) : new Part(condition, null, best.needles(), best.shared());
    }

    static Part or(List<Part> terms) {
        List<Condition> conditions = new ArrayList<>();
        Set<Needle> union = new LinkedHashSet<>();
        boolean allKnown = true;
        boolean shared = false;
        for (Part term : terms) {
            if (term.condition() == Connectives.ALWAYS) {
                return Part.of(Connectives.ALWAYS);
            }
            if (term.condition() == Connectives.NEVER || term.condition() == Part.UNKNOWN) {
                continue;
            }
            conditions.add(term.condition());
            if (term.needles() == null) {
                allKnown = false;
            } else {
                union.addAll(term.needles());
                shared |= term.shared();
            }
        }
        if (conditions.isEmpty()) {
            return Part.of(Connectives.NEVER);
        }
        Condition condition = Connectives.or(conditions);
        return allKnown ? new Part(condition, null, List.copyOf(union), shared) : Part.of(condition);
    }

    /** A must_not over a query, a negated script over a script; null stays null. */
    static Part not(Part part) {
        if (part.condition() == Connectives.ALWAYS) {
            return Part.of(Connectives.NEVER);
        }
        if (part.condition() == Connectives.NEVER) {
            return Part.of(Connectives.ALWAYS);
        }
        if (part.condition() == Part.UNKNOWN) {
            return part;
        }
        if (part.script() != null) {
            return Part.script(part.script().negate());
        }
        return Part.of(Connectives.not(part.condition()));
    }

    private static int shortest(List<Needle> needles) {
        return needles.stream().mapToInt(n -> n.text().length()).min().orElse(0);
    }
}
