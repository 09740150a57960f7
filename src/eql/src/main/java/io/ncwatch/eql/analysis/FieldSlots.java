package io.ncwatch.eql.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the fields that compiled queries read, so that a decoder fills an array by slot instead of
 * a map by name. One table serves every query of a job, so one decoding serves every rule.
 */
public final class FieldSlots {
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> paths = new ArrayList<>();

    /** The slot of {@code path} (a dotted ECS name), assigning the next one on first sight. */
    public int slotOf(String path) {
        return slots.computeIfAbsent(path, p -> {
            paths.add(p);
            return paths.size() - 1;
        });
    }

    /** The slot of {@code path}, or -1 when no query reads it. */
    public int find(String path) {
        return slots.getOrDefault(path, -1);
    }

    /** Field paths in slot order. */
    public List<String> paths() {
        return Collections.unmodifiableList(paths);
    }

    public int size() {
        return paths.size();
    }
}
