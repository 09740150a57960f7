package io.ncwatch.correlate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The listener correlation.
 *
 * @param listenerRules ids of the rules whose detections are netcat listeners; null: every rule of the job
 * @param window how long after a listener its accepted connections and shell count
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record CorrelationSettings(List<String> listenerRules, Duration window) implements Serializable {
    public CorrelationSettings {
        listenerRules = listenerRules == null ? null : List.copyOf(listenerRules);
        window = window == null ? Duration.ofMinutes(10) : window;
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("correlation.window must be positive, got " + window);
        }
    }
}
