package io.ncwatch.eql.runtime;

import java.util.List;

/**
 * One bracketed stage of a sequence or sample, or a sequence's {@code until}.
 *
 * @param filter which events the stage takes
 * @param keys its join keys: the query's {@code by} keys, then the stage's own
 * @param runs how many consecutive events the stage takes ({@code with runs=N}), 1 when not written
 * @param missing a missing-event stage {@code ![...]}: a match needs no such event where the stage stands
 */
public record SequenceStage(CompiledQuery filter, List<JoinKey> keys, int runs, boolean missing) {
    public SequenceStage {
        keys = List.copyOf(keys);
    }
}
