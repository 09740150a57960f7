package io.ncwatch.job;

import io.ncwatch.alert.Detection;
import io.ncwatch.event.ContainerEvent;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-container stage, keyed by {@code container.id}: turns the rules an event matched into
 * detections. The process table (context and ancestry) and the CEP correlation attach here; this
 * stage holds no state of its own yet.
 */
public class RuleDetections extends KeyedProcessFunction<String, ContainerEvent, Detection> {

    @Override
    public void processElement(ContainerEvent event, Context context, Collector<Detection> out) {
        emit(event, out);
    }

    /** One detection at stage {@code rule} per rule the event matched. */
    public static void emit(ContainerEvent event, Collector<Detection> out) {
        for (String ruleId : event.matchedRules) {
            out.collect(new Detection(ruleId, Detection.STAGE_RULE, event));
        }
    }
}
