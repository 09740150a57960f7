package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What sequences and samples share: stages read as filters with join keys, the fields they read and the
 * texts every event that matters to them contains.
 */
public abstract sealed class CompiledStages permits CompiledSequence, CompiledSample {
    private final List<SequenceStage> stages;
    private final List<String> fields;
    private final List<Needle> requiredText;

    /** @param read every stage an event may matter to: {@code stages}, and a sequence's until */
    CompiledStages(List<SequenceStage> stages, List<SequenceStage> read) {
        this.stages = List.copyOf(stages);
        Set<String> paths = new LinkedHashSet<>();
        Set<Needle> needles = new LinkedHashSet<>();
        boolean needlesKnown = true;
        for (SequenceStage stage : read) {
            paths.addAll(stage.filter().fields());
            stage.keys().forEach(key -> paths.add(key.field()));
            needlesKnown &= !stage.filter().requiredText().isEmpty();
            needles.addAll(stage.filter().requiredText());
        }
        this.fields = List.copyOf(paths);
        this.requiredText = needlesKnown ? Collections.unmodifiableList(new ArrayList<>(needles)) : List.of();
    }

    public List<SequenceStage> stages() {
        return stages;
    }

    /** Every field path the stages and their join keys read (and a sequence's {@code until}), in order of first use. */
    public List<String> fields() {
        return fields;
    }

    /**
     * Texts of which every event that matters here (one that matches a stage, missing-event stages
     * included, or {@code until}) contains at least one; empty when no such set is known.
     */
    public List<Needle> requiredText() {
        return requiredText;
    }

    /** The stages that take the event, by index, grouped by the join key they take it under. */
    Map<List<Object>, List<Integer>> matchedByKey(FieldValues event) {
        Map<List<Object>, List<Integer>> stagesByKey = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            List<Object> key = keyIfMatches(stages.get(i), event);
            if (key != null) {
                stagesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        return stagesByKey;
    }

    /**
     * The join key values under which the stage takes the event, or null when it does not: its filter
     * does not match, or a key that is not {@code ?optional} is absent.
     */
    static List<Object> keyIfMatches(SequenceStage stage, FieldValues event) {
        if (!stage.filter().matches(event)) {
            return null;
        }
        List<Object> key = new ArrayList<>(stage.keys().size());
        for (JoinKey joinKey : stage.keys()) {
            Object value = joinKey.valueIn(event);
            if (value == null && !joinKey.optional()) {
                return null;
            }
            key.add(value);
        }
        return key;
    }
}
