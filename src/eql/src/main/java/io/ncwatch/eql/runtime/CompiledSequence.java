package io.ncwatch.eql.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EQL {@code sequence} compiled for evaluation in two steps, so that a stream job can key events
 * between them: {@link #hits} tells, for one event, which stages (and {@code until}) it matches under
 * which join key; a {@link SequenceMatcher} per join key, fed those hits in Elasticsearch's order,
 * returns the completed sequences.
 */
public final class CompiledSequence {
    private final List<SequenceStage> stages;
    private final SequenceStage until;
    private final Duration maxspan;
    private final List<String> fields;
    private final List<Needle> requiredText;

    /**
     * @param stages at least two, at least one of them not a missing-event stage
     * @param until the {@code until} condition, or null
     * @param maxspan the longest time from a sequence's first event to its last, or null for no limit;
     *     required when a stage is a missing-event stage
     */
    public CompiledSequence(List<SequenceStage> stages, SequenceStage until, Duration maxspan) {
        if (stages.size() < 2 || stages.stream().allMatch(SequenceStage::missing)) {
            throw new IllegalArgumentException("a sequence has at least two stages, one of them not a missing event");
        }
        if (maxspan == null && stages.stream().anyMatch(SequenceStage::missing)) {
            throw new IllegalArgumentException("a sequence with a missing-event stage needs a maxspan");
        }
        this.stages = List.copyOf(stages);
        this.until = until;
        this.maxspan = maxspan;
        List<SequenceStage> all = new ArrayList<>(stages);
        if (until != null) {
            all.add(until);
        }
        this.fields = Stages.fields(all);
        this.requiredText = Stages.requiredText(all);
    }

    public List<SequenceStage> stages() {
        return stages;
    }

    /** The {@code until} condition, or null. */
    public SequenceStage until() {
        return until;
    }

    /** The {@code maxspan}, or null when the query sets none. */
    public Duration maxspan() {
        return maxspan;
    }

    /** Every field path the stages, their join keys and {@code until} read, in slot-table order of first use. */
    public List<String> fields() {
        return fields;
    }

    /**
     * Texts of which every event that matters to this sequence (one that matches a stage, missing-event
     * stages included, or {@code until}) contains at least one; empty when no such set is known.
     */
    public List<Needle> requiredText() {
        return requiredText;
    }

    /**
     * What the event is to this sequence: one hit per distinct join key under which it matches a stage
     * or {@code until}, empty when it matches none. A stage whose join key has an absent value that is
     * not {@code ?optional} does not take the event, as in Elasticsearch. Throws
     * IllegalArgumentException when a join key of a matching stage holds several values (see
     * {@link JoinKey#valueIn}).
     */
    public List<SequenceHit> hits(FieldValues event) {
        Map<List<Object>, List<Integer>> stagesByKey = Stages.matchedByKey(stages, event);
        List<Object> untilKey = until == null ? null : Stages.keyIfMatches(until, event);
        if (untilKey != null) {
            stagesByKey.putIfAbsent(untilKey, List.of());
        }
        List<SequenceHit> hits = new ArrayList<>(stagesByKey.size());
        stagesByKey.forEach((key, matched) -> hits.add(new SequenceHit(key, matched, key.equals(untilKey))));
        return hits;
    }

    /** A matcher for one join key, with nothing in flight. */
    public <T> SequenceMatcher<T> matcher() {
        return new SequenceMatcher<>(this, new SequenceState<>(List.of(), List.of()));
    }

    /** A matcher for one join key, restored from a {@link SequenceMatcher#state()} of this sequence. */
    public <T> SequenceMatcher<T> matcher(SequenceState<T> state) {
        return new SequenceMatcher<>(this, state);
    }
}
