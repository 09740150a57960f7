package io.ncwatch.eql.runtime;

import java.util.List;

/**
 * A sequence in flight: the events it has taken so far, in stage order. Once it has every positive
 * stage it may still wait for its trailing missing-event stages to be confirmed.
 *
 * @param members the events taken, at least one
 * @param leadingMissing the timestamp of the latest event of a leading missing-event stage before the
 *     first member, or null when none (or the sequence has no leading missing-event stage)
 * @param gapMissing the timestamp of the first event of a missing-event stage that stands right after
 *     the last member, later than it, or null when none has come
 */
public record PartialSequence<T>(List<SequenceMember<T>> members, Long leadingMissing, Long gapMissing) {
    public PartialSequence {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a partial sequence has at least one member");
        }
        members = List.copyOf(members);
    }

    /** The timestamp of the first member, from which maxspan counts. */
    public long start() {
        return members.get(0).timestamp();
    }

    /** The timestamp of the last member. */
    public long last() {
        return members.get(members.size() - 1).timestamp();
    }
}
