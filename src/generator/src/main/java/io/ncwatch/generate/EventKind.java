package io.ncwatch.generate;

/** The streams the generator writes, each with the Kafka topic it goes to by default. */
public enum EventKind {
    /** Elastic Defend for Containers process events ({@code cloud_defend.process}). */
    PROCESS("ncwatch.process-events"),
    /** Elastic Defend network events ({@code endpoint.events.network}) carrying {@code container.id}. */
    NETWORK("ncwatch.network-events"),
    /**
     * Elastic Defend for Containers file events ({@code cloud_defend.file}): the same sensor as the process
     * events, so the same topic, where a container's process and file events keep their order.
     */
    FILE("ncwatch.process-events"),
    /** Kubernetes API server audit events ({@code kubernetes.audit_logs}), keyed by the requesting pod's name. */
    AUDIT("ncwatch.audit-events");

    private final String defaultTopic;

    EventKind(String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    public String defaultTopic() {
        return defaultTopic;
    }
}
