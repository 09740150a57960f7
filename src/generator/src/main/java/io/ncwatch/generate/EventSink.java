package io.ncwatch.generate;

import java.io.IOException;

/** Receives the generated events in delivery order. */
@FunctionalInterface
public interface EventSink {
    /**
     * @param kind which stream the event belongs to
     * @param key the event's {@code container.id}, or for a Kubernetes audit event the requesting pod's name
     *     (the Kafka record key)
     * @param json one ECS document, UTF-8, without a line terminator; the sink owns the array
     */
    void accept(EventKind kind, String key, byte[] json) throws IOException;
}
