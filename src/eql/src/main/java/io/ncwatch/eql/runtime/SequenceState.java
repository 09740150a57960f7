package io.ncwatch.eql.runtime;

import java.util.List;

/**
 * Everything a {@link SequenceMatcher} holds for one join key, as a plain value: to snapshot, read it
 * with {@link SequenceMatcher#state()}; to restore, pass it to {@link CompiledSequence#matcher(SequenceState)}.
 *
 * @param partials the sequences in flight, oldest first
 * @param leadingMissing the timestamps of the latest events of the leading missing-event stages: the
 *     two latest distinct ones, ascending (empty when the sequence has no leading missing-event stage)
 */
public record SequenceState<T>(List<PartialSequence<T>> partials, List<Long> leadingMissing) {
    public SequenceState {
        partials = List.copyOf(partials);
        leadingMissing = List.copyOf(leadingMissing);
    }

    /** No sequence in flight and nothing remembered. */
    public boolean isEmpty() {
        return partials.isEmpty() && leadingMissing.isEmpty();
    }
}
