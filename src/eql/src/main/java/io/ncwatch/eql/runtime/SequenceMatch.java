package io.ncwatch.eql.runtime;

import java.util.List;

/**
 * A completed sequence: one member per event it took, in stage order (a stage with
 * {@code runs=N} has N members in a row; missing-event stages have none).
 */
public record SequenceMatch<T>(List<SequenceMember<T>> members) {
    public SequenceMatch {
        members = List.copyOf(members);
    }
}
