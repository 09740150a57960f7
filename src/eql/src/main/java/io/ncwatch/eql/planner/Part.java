package io.ncwatch.eql.planner;

import io.ncwatch.eql.runtime.Condition;
import io.ncwatch.eql.runtime.Connectives;
import io.ncwatch.eql.runtime.Needle;
import io.ncwatch.eql.runtime.ScriptCondition;
import java.util.List;

/**
 * A planned piece of a condition: its condition, the script it is when it is one (so {@code not} can
 * negate the script), and the texts every match contains (null when unknown; shared when they come only
 * from fields whose values most events share).
 */
record Part(Condition condition, ScriptCondition script, List<Needle> needles, boolean shared) {
    /** A condition whose value is null: no match, and still no match under {@code not}. */
    static final Condition UNKNOWN = event -> false;

    static Part of(Condition condition) {
        return new Part(condition, null, null, false);
    }

    static Part script(ScriptCondition script) {
        return new Part(script, script, null, false);
    }

    /** The condition of a folded value: true, false, or null (unknown). */
    static Part constant(Object value) {
        if (value == null) {
            return of(UNKNOWN);
        }
        return of(value == Boolean.TRUE ? Connectives.ALWAYS : Connectives.NEVER);
    }

    /** 0 for terms that need rare texts, 2 for scripts, 1 for the rest. */
    int evaluationRank() {
        if (needles != null && !shared) {
            return 0;
        }
        return script != null ? 2 : 1;
    }
}
