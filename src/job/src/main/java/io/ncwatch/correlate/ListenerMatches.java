package io.ncwatch.correlate;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import io.ncwatch.record.Stage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns a match (listener, follow-up) into one detection per listener rule the listener matched. */
final class ListenerMatches extends PatternProcessFunction<ContainerEvent, Detection> {
    private final Set<String> listenerRules;

    ListenerMatches(Set<String> listenerRules) {
        this.listenerRules = Set.copyOf(listenerRules);
    }

    @Override
    public void processMatch(Map<String, List<ContainerEvent>> match, Context context, Collector<Detection> out) {
        ContainerEvent listener = match.get(ListenerPattern.LISTENER).get(0);
        ContainerEvent followUp = match.get(ListenerPattern.FOLLOW_UP).get(0);
        Stage stage = FollowUp.stageOf(listener, followUp);
        Integer port = ListenerPort.parse(listener.processArgs);
        for (String ruleId : listener.matchedRules) {
            if (listenerRules.contains(ruleId)) {
                out.collect(new Detection(ruleId, stage, followUp, listener, port));
            }
        }
    }
}
