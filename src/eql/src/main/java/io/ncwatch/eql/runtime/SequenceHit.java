package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one event is to a sequence under one join key: the stages it matches there, and whether it
 * matches {@code until}. An event yields one hit per distinct key (stages with their own {@code by}
 * keys can give it several).
 *
 * @param joinKey the key values, in the order of the stage's {@link SequenceStage#keys()}; an absent
 *     {@code ?optional} key is null
 * @param stages indexes into {@link CompiledSequence#stages()}, ascending
 * @param until whether the event matches the sequence's {@code until} condition
 */
public record SequenceHit(List<Object> joinKey, List<Integer> stages, boolean until) {
    public SequenceHit {
        joinKey = Collections.unmodifiableList(new ArrayList<>(joinKey));
        stages = List.copyOf(stages);
    }
}
