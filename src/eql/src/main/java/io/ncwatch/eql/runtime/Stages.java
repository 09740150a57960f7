package io.ncwatch.eql.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What sequences and samples share: their stages read as filters with join keys. */
final class Stages {
    private Stages() {}

    /** The stages that take the event, by index, grouped by the join key they take it under. */
    static Map<List<Object>, List<Integer>> matchedByKey(List<SequenceStage> stages, FieldValues event) {
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

    /** Every field the stages' filters and join keys read. */
    static List<String> fields(List<SequenceStage> stages) {
        Set<String> fields = new LinkedHashSet<>();
        for (SequenceStage stage : stages) {
            fields.addAll(stage.filter().fields());
            stage.keys().forEach(key -> fields.add(key.field()));
        }
        return List.copyOf(fields);
    }

    /** The union of the stages' needles, unknown (empty) when any stage's are. */
    static List<Needle> requiredText(List<SequenceStage> stages) {
        Set<Needle> needles = new LinkedHashSet<>();
        for (SequenceStage stage : stages) {
            if (stage.filter().requiredText().isEmpty()) {
                return List.of();
            }
            needles.addAll(stage.filter().requiredText());
        }
        return Collections.unmodifiableList(new ArrayList<>(needles));
    }
}
