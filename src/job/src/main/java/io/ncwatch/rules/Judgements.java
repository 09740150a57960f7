package io.ncwatch.rules;

/**
 * Hears each single-event rule's verdict on each event that a {@link RuleSet} judges, by the rule's
 * position in {@link RuleSet#compiled()}: the job counts them per rule.
 */
public interface Judgements {
    /** Hears nothing and times nothing: for callers that keep no per-rule figures. */
    Judgements IGNORED = new Judgements() {
        @Override
        public boolean timesNext(int rule) {
            return false;
        }

        @Override
        public void judged(int rule, boolean matched, long nanos) {}
    };

    /** Whether the next evaluation of rule {@code rule} is to be timed (timing each would cost more than judging). */
    boolean timesNext(int rule);

    /** @param nanos how long the evaluation took when it was timed, else 0 */
    void judged(int rule, boolean matched, long nanos);
}
