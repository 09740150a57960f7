package io.ncwatch.generate;

/** The two streams the generator writes; each goes to its own Kafka topic. */
public enum EventKind {
    /** Elastic Defend for Containers process events ({@code cloud_defend.process}). */
    PROCESS("ncwatch.process-events"),
    /** Elastic Defend network events ({@code endpoint.events.network}) carrying {@code container.id}. */
    NETWORK("ncwatch.network-events");

    private final String defaultTopic;

    EventKind(String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    public String defaultTopic() {
        return defaultTopic;
    }
}
