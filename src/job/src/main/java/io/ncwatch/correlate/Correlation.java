package io.ncwatch.correlate;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The correlation stage, keyed by container, in event time: the {@link ListenerGate}, then Flink CEP's
 * {@link ListenerPattern}. State stays bounded: the gate keeps a container's listener window one window
 * long, every pattern has {@code within}, CEP puts events behind its watermark in {@link ListenerGate#LATE},
 * and Flink 2.2's CEP clears a key's NFA state when a timer leaves nothing but the pattern's start.
 *
 * @param detections at stages {@code connection} and {@code shell}
 * @param late what arrived behind the watermark and was not correlated
 */
public record Correlation(SingleOutputStreamOperator<Detection> detections, DataStream<ContainerEvent> late) {

    /**
     * @param matched events that matched a rule (the listeners among them open windows)
     * @param candidates follow-up candidates, each with the ancestry its container's process table gives it
     */
    public static Correlation of(DataStream<ContainerEvent> matched, DataStream<ContainerEvent> candidates,
            Set<String> listenerRules, CorrelationSettings settings) {
        SingleOutputStreamOperator<ContainerEvent> gated = matched
                .filter(event -> ListenerPattern.isListener(event, listenerRules))
                .name("listeners")
                .uid("listeners")
                .union(candidates)
                .keyBy(event -> event.containerId, Types.STRING)
                .process(new ListenerGate(listenerRules, settings.window()), TypeInformation.of(ContainerEvent.class))
                .name("listener gate")
                .uid("correlate-gate");
        // The gate's output keeps its keys and partitions: CEP reads it without a second shuffle.
        SingleOutputStreamOperator<Detection> detections = CEP
                .pattern(DataStreamUtils.reinterpretAsKeyedStream(gated, event -> event.containerId, Types.STRING),
                        ListenerPattern.of(listenerRules, settings.window()))
                .inEventTime()
                .sideOutputLateData(ListenerGate.LATE)
                .process(new ListenerMatches(listenerRules), TypeInformation.of(Detection.class))
                .name("correlate listeners")
                .uid("correlate");
        return new Correlation(detections,
                gated.getSideOutput(ListenerGate.LATE).union(detections.getSideOutput(ListenerGate.LATE)));
    }
}
