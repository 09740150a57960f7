package io.ncwatch.generate;

/**
 * A Kubernetes API server audit event ({@code kubernetes.audit_logs}): a request a pod made with its
 * service account token, at the stage where the response is complete. It carries no {@code container.id}:
 * the API server knows the pod only by the name its token is bound to.
 */
final class AuditEvent extends PlannedEvent {
    /** The pod the request came from, as the token names it; usually {@link #container}'s pod. */
    final String podName;
    final String verb;
    final String resource;
    final String requestUri;

    AuditEvent(long timestamp, long seq, String eventId, FleetContainer container, String podName, String verb,
            String resource, String requestUri) {
        super(timestamp, seq, eventId, container);
        this.podName = podName;
        this.verb = verb;
        this.resource = resource;
        this.requestUri = requestUri;
    }

    @Override
    EventKind kind() {
        return EventKind.AUDIT;
    }
}
