package io.ncwatch.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Elastic's alert suppression of a rule ({@code alert_suppression}): alerts with the same values of
 * {@code group_by} within {@code duration} of the group's first are counted on that first alert instead
 * of being written.
 *
 * @param duration of event time from the group's first alert; the rule's {@code interval} when the rule gives none
 *     (Kibana then suppresses per rule run)
 * @param suppressMissing Elastic's {@code missing_fields_strategy}: {@code suppress} (true) groups alerts that
 *     lack a field as one value; {@code doNotSuppress} writes each of them
 */
public record AlertSuppression(List<String> groupBy, Duration duration, boolean suppressMissing) implements Serializable {

    public AlertSuppression {
        groupBy = List.copyOf(groupBy);
    }
}
