package io.ncwatch.generate;

import java.util.List;

/** A sequence an attack plays: it becomes a line of the ground truth once all its members are delivered. */
record PlannedSequence(ExpectedSequence.Behaviour behaviour, List<String> joinKeys, List<PlannedEvent> members) {

    boolean delivered() {
        return members.stream().allMatch(m -> m.delivered);
    }

    PlannedEvent last() {
        return members.get(members.size() - 1);
    }

    ExpectedSequence expected() {
        return new ExpectedSequence(behaviour, last().container.id, joinKeys,
                members.stream().map(m -> m.eventId).toList());
    }
}
