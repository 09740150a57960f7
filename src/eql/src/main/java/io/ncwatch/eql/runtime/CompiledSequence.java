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
public final class CompiledSequence extends CompiledStages {
    private final SequenceStage until;
    private final Duration maxspan;

    /**
     * @param stages at least two events' worth (a stage with {@code runs=N} counts N), at least one of
     *     them not a missing-event stage
     * @param until the {@code until} condition, or null
     * @param maxspan the longest time from a sequence's first event to its last, or null for no limit;
     *     required when a stage is a missing-event stage
     */
    public CompiledSequence(List<SequenceStage> stages, SequenceStage until, Duration maxspan) {
        super(stages, until == null ? stages : concat(stages, until));
        if (stages.stream().mapToInt(SequenceStage::runs).sum() < 2 || stages.stream().allMatch(SequenceStage::missing)) {
            throw new IllegalArgumentException("a sequence takes at least two events (a stage with runs=N counts N),"
                    + " and has a stage that is not a missing event");
        }
        if (maxspan == null && stages.stream().anyMatch(SequenceStage::missing)) {
            throw new IllegalArgumentException("a sequence with a missing-event stage needs a maxspan");
        }
        this.until = until;
        this.maxspan = maxspan;
    }

    /** The {@code until} condition, or null. */
    public SequenceStage until() {
        return until;
    }

    /** The {@code maxspan}, or null when the query sets none. */
    public Duration maxspan() {
        return maxspan;
    }

    /**
     * What the event is to this sequence: one hit per distinct join key under which it matches a stage
     * or {@code until}, empty when it matches none. A stage whose join key has an absent value that is
     * not {@code ?optional} does not take the event, as in Elasticsearch. Throws
     * IllegalArgumentException when a join key of a matching stage holds several values (see
     * {@link JoinKey#valueIn}).
     */
    public List<SequenceHit> hits(FieldValues event) {
        Map<List<Object>, List<Integer>> stagesByKey = matchedByKey(event);
        List<Object> untilKey = until == null ? null : keyIfMatches(until, event);
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

    private static List<SequenceStage> concat(List<SequenceStage> stages, SequenceStage until) {
        List<SequenceStage> all = new ArrayList<>(stages);
        all.add(until);
        return all;
    }
}
