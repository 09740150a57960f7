package io.ncwatch.context;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.time.Duration;

/**
 * The per-container process table.
 *
 * @param releaseGrace event time a process stays known after its end event (for late children)
 * @param ttl a process unused this long (processing time) is forgotten: for ends that never come
 * @param maxProcesses processes kept per container; beyond, the oldest are evicted
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record ContextSettings(Duration releaseGrace, Duration ttl, Integer maxProcesses) implements Serializable {
    public ContextSettings {
        releaseGrace = releaseGrace == null ? Duration.ofSeconds(30) : releaseGrace;
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        maxProcesses = maxProcesses == null ? 1024 : maxProcesses;
        if (maxProcesses < 1) {
            throw new IllegalArgumentException("context.max-processes must be at least 1, got " + maxProcesses);
        }
    }
}
