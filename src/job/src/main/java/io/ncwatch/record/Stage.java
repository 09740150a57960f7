package io.ncwatch.record;

/**
 * What an alert reports: a rule's own verdict on one event, a step that followed a rule's listener, or a
 * sequence rule's verdict on a series of events.
 * The job's detections and the generator's ground truth both speak in these.
 */
public enum Stage {
    /** A rule matched the event. */
    RULE("rule"),
    /** The listener accepted an inbound connection (the event is the network event). */
    CONNECTION("connection"),
    /** The listener served a shell (the event is the shell's start). */
    SHELL("shell"),
    /** A sequence rule matched a series of events. */
    SEQUENCE("sequence");

    private final String jsonName;

    Stage(String jsonName) {
        this.jsonName = jsonName;
    }

    /** As alert documents and the ground truth write it. */
    public String jsonName() {
        return jsonName;
    }

    /** @throws IllegalArgumentException for a name no stage has */
    public static Stage fromJsonName(String name) {
        for (Stage stage : values()) {
            if (stage.jsonName.equals(name)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + name + "'");
    }
}
