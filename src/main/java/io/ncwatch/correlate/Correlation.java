package io.ncwatch.correlate;

import io.ncwatch.alert.Detection;
import io.ncwatch.event.ContainerEvent;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/** The correlation stage: CEP over listeners and their candidates, keyed by container, in event time. */
public final class Correlation {
    private Correlation() {}

    /**
     * @param input listener detections and follow-up candidates (the context stage's correlation input)
     * @param late where CEP puts events behind its watermark
     * @return detections at stages {@code connection} and {@code shell}
     */
    public static SingleOutputStreamOperator<Detection> detections(
            DataStream<ContainerEvent> input, Set<String> listenerRules, Duration window, OutputTag<ContainerEvent> late) {
        ReleasingCepOperator operator = new ReleasingCepOperator(
                input.getType().createSerializer(input.getExecutionConfig().getSerializerConfig()),
                NFACompiler.compileFactory(ListenerPattern.of(listenerRules, window), false),
                new ListenerMatches(listenerRules),
                late);
        return input.keyBy(event -> event.containerId, Types.STRING)
                .transform("correlate listeners", TypeInformation.of(Detection.class), operator)
                .uid("correlate");
    }
}
