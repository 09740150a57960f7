package io.ncwatch.generate;

import io.ncwatch.record.Stage;

/**
 * An event planned on the timeline: when it happens, when it reaches the stream, and what part it
 * plays in the ground truth.
 */
abstract sealed class PlannedEvent permits ProcessEvent, NetworkEvent, FileEvent, AuditEvent {
    final long timestamp;
    /** Planning order: breaks ties between equal times, so the output is the same on every run. */
    final long seq;
    final String eventId;
    final FleetContainer container;
    /** Time from the event to its delivery beyond the ordinary: shuffling, lateness. */
    long deliveryDelay;
    /** Delivered {@link FleetGenerator#LATENESS} behind its time: a job sends it to its late output. */
    boolean late;
    boolean malicious;
    /** The correlation stage this event raises for {@link #listener}, or null. */
    Stage stage;
    ProcessEvent listener;
    boolean delivered;

    PlannedEvent(long timestamp, long seq, String eventId, FleetContainer container) {
        this.timestamp = timestamp;
        this.seq = seq;
        this.eventId = eventId;
        this.container = container;
    }

    long delivery() {
        return timestamp + deliveryDelay;
    }

    abstract EventKind kind();
}
