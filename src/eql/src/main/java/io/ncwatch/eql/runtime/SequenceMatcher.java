package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The sequences in flight for one join key, with Elasticsearch's verdicts. Feed it the key's
 * {@link SequenceHit}s with {@link #accept} in Elasticsearch's order: by {@code @timestamp}, then by the
 * tiebreaker, then in arrival order; tell it with {@link #advanceTo} how far time has surely gone.
 *
 * <p>The rules, from Elasticsearch's {@code SequenceMatcher}:
 * <ul>
 *   <li>An event of the first stage starts a sequence. An event of stage n extends the most recent
 *   sequence that waits for stage n; older ones waiting there are dropped. Hence only the most recent
 *   sequence per stage can ever complete, and only that one is kept.
 *   <li>An event that matches several stages fills each, later stages first, so it never fills two
 *   stages of one sequence.
 *   <li>maxspan: a sequence is rejected when the event that would extend it is more than maxspan after
 *   its first event (exactly maxspan is accepted).
 *   <li>{@code until}: an until event discards every sequence in flight, those it has just started or
 *   extended too (Elasticsearch rejects a sequence when an until event lies between its last event and
 *   the next, both included); a sequence it completes stands.
 *   <li>A missing-event stage between two others rejects a sequence when such an event has a timestamp
 *   strictly between theirs. A leading one rejects it when the latest such event before its first
 *   event is within maxspan of its last event; a trailing one when the first such event after its last
 *   event is within maxspan of its first event (of the latest leading one, when both exist), so a
 *   sequence with trailing missing-event stages completes once time has passed that point.
 * </ul>
 *
 * <p>Not thread-safe; its state is the plain value {@link #state()}.
 */
public final class SequenceMatcher<T> {
    private final CompiledSequence sequence;
    /** The stage of each position a member fills: the positive stages, each repeated {@code runs} times. */
    private final int[] positionStage;
    /** For each stage, the number of positions before it. */
    private final int[] positionsBefore;
    private final long maxspan;
    private final boolean hasLeading;
    private final boolean hasTrailing;
    private final List<PartialSequence<T>> partials;
    private final List<Long> leadingMissing;

    SequenceMatcher(CompiledSequence sequence, SequenceState<T> state) {
        this.sequence = sequence;
        List<SequenceStage> stages = sequence.stages();
        this.positionsBefore = new int[stages.size()];
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            positionsBefore[i] = positions.size();
            for (int run = 0; !stages.get(i).missing() && run < stages.get(i).runs(); run++) {
                positions.add(i);
            }
        }
        this.positionStage = positions.stream().mapToInt(Integer::intValue).toArray();
        this.maxspan = sequence.maxspan() == null ? -1 : sequence.maxspan().toMillis();
        this.hasLeading = stages.get(0).missing();
        this.hasTrailing = stages.get(stages.size() - 1).missing();
        this.partials = new ArrayList<>(state.partials());
        this.leadingMissing = new ArrayList<>(state.leadingMissing());
    }

    /**
     * Takes the event that gave {@code hit} (for this matcher's join key) and returns the sequences it
     * completes, usually none.
     *
     * @param timestamp the event's {@code @timestamp} in epoch milliseconds, not before any earlier one's
     * @param payload what a completed sequence returns for this event
     */
    public List<SequenceMatch<T>> accept(SequenceHit hit, long timestamp, T payload) {
        List<SequenceMatch<T>> completed = new ArrayList<>(0);
        for (int stage : hit.stages()) {
            if (sequence.stages().get(stage).missing()) {
                missingEvent(stage, timestamp);
            }
        }
        for (int position = positionStage.length - 1; position >= 0; position--) {
            if (hit.stages().contains(positionStage[position])) {
                fill(position, new SequenceMember<>(positionStage[position], timestamp, payload), completed);
            }
        }
        if (hit.until()) {
            partials.removeIf(partial -> !isComplete(partial));
        }
        return completed;
    }

    /**
     * Declares that no event at or before {@code timestamp} will follow: frees the sequences that can no
     * longer complete within maxspan, and returns those whose trailing missing-event stages are now
     * confirmed. {@code advanceTo(Long.MAX_VALUE)} ends the input.
     */
    public List<SequenceMatch<T>> advanceTo(long timestamp) {
        List<SequenceMatch<T>> confirmed = new ArrayList<>(0);
        for (Iterator<PartialSequence<T>> it = partials.iterator(); it.hasNext(); ) {
            PartialSequence<T> partial = it.next();
            if (isComplete(partial)) {
                if (timestamp >= trailingDeadline(partial)) {
                    confirmed.add(new SequenceMatch<>(partial.members()));
                    it.remove();
                }
            } else if (maxspan >= 0 && partial.start() <= timestamp - maxspan) {
                it.remove();
            }
        }
        if (maxspan >= 0) {
            leadingMissing.removeIf(at -> at <= timestamp - maxspan);
        }
        return confirmed;
    }

    /** Nothing in flight: the key's state can be cleared. */
    public boolean isEmpty() {
        return partials.isEmpty() && leadingMissing.isEmpty();
    }

    /** A copy of what this matcher holds, to snapshot; {@link CompiledSequence#matcher(SequenceState)} restores it. */
    public SequenceState<T> state() {
        return new SequenceState<>(partials, leadingMissing);
    }

    private void fill(int position, SequenceMember<T> member, List<SequenceMatch<T>> completed) {
        PartialSequence<T> next;
        if (position == 0) {
            next = new PartialSequence<>(List.of(member), latestLeadingBefore(member.timestamp()), null);
        } else {
            PartialSequence<T> previous = waitingFor(position);
            if (previous == null) {
                return;
            }
            partials.remove(previous);
            boolean pastMaxspan = maxspan >= 0 && member.timestamp() - previous.start() > maxspan;
            boolean missingInGap = previous.gapMissing() != null && previous.gapMissing() < member.timestamp();
            if (pastMaxspan || missingInGap) {
                return;
            }
            List<SequenceMember<T>> members = new ArrayList<>(previous.members());
            members.add(member);
            next = new PartialSequence<>(members, previous.leadingMissing(), null);
        }
        if (!isComplete(next)) {
            PartialSequence<T> older = waitingFor(position + 1);
            if (older != null) {
                partials.remove(older);
            }
            partials.add(next);
        } else if (hasTrailing && !(hasLeading && next.leadingMissing() == null)) {
            partials.add(next);
        } else if (!hasLeading || next.leadingMissing() == null || next.last() - next.leadingMissing() > maxspan) {
            completed.add(new SequenceMatch<>(next.members()));
        }
    }

    /** An event of a missing-event stage: remembered when leading, else it marks or rejects sequences. */
    private void missingEvent(int stage, long timestamp) {
        int size = positionsBefore[stage];
        if (size == 0) {
            if (leadingMissing.isEmpty() || leadingMissing.get(leadingMissing.size() - 1) != timestamp) {
                leadingMissing.add(timestamp);
            }
            if (leadingMissing.size() > 2) {
                leadingMissing.remove(0);
            }
            return;
        }
        for (int i = 0; i < partials.size(); i++) {
            PartialSequence<T> partial = partials.get(i);
            if (partial.members().size() != size || partial.last() >= timestamp) {
                continue;
            }
            if (isComplete(partial)) {
                if (timestamp <= trailingDeadline(partial)) {
                    partials.remove(i--);
                }
            } else if (partial.gapMissing() == null) {
                partials.set(i, new PartialSequence<>(partial.members(), partial.leadingMissing(), timestamp));
            }
        }
    }

    /** The most recent sequence in flight that waits for {@code position}, or null. */
    private PartialSequence<T> waitingFor(int position) {
        for (int i = partials.size() - 1; i >= 0; i--) {
            if (partials.get(i).members().size() == position) {
                return partials.get(i);
            }
        }
        return null;
    }

    private boolean isComplete(PartialSequence<T> partial) {
        return partial.members().size() == positionStage.length;
    }

    /**
     * The last timestamp at which a trailing missing event rejects a complete sequence: maxspan after
     * the latest leading missing event, or after the first member when there is none.
     */
    private long trailingDeadline(PartialSequence<T> partial) {
        long from = partial.leadingMissing() != null ? partial.leadingMissing() : partial.start();
        return from + maxspan;
    }

    private Long latestLeadingBefore(long timestamp) {
        for (int i = leadingMissing.size() - 1; i >= 0; i--) {
            if (leadingMissing.get(i) < timestamp) {
                return leadingMissing.get(i);
            }
        }
        return null;
    }
}
