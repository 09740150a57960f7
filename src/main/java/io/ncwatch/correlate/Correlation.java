package io.ncwatch.correlate;

import io.ncwatch.alert.Detection;
import io.ncwatch.event.ContainerEvent;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The correlation stage: Flink CEP over listeners and their candidates, keyed by container, in event
 * time. The operator is the one {@code CEP.pattern(...).process(...)} builds, made here so that tests run
 * the very same one in a harness. State stays bounded: every pattern has {@code within}, CEP drops
 * events behind its watermark to {@code late}, and Flink 2.2's CEP clears a key's NFA state when a timer
 * leaves nothing but the pattern's start (StateReleaseTest checks it).
 */
public final class Correlation {
    private Correlation() {}

    /**
     * @param input listener detections and follow-up candidates (the context stage's correlation input)
     * @param late where CEP puts events behind its watermark
     * @return detections at stages {@code connection} and {@code shell}
     */
    public static SingleOutputStreamOperator<Detection> detections(
            DataStream<ContainerEvent> input, Set<String> listenerRules, Duration window, OutputTag<ContainerEvent> late) {
        TypeSerializer<ContainerEvent> serializer =
                input.getType().createSerializer(input.getExecutionConfig().getSerializerConfig());
        return input.keyBy(event -> event.containerId, Types.STRING)
                .transform("correlate listeners", TypeInformation.of(Detection.class),
                        operator(serializer, listenerRules, window, late))
                .uid("correlate");
    }

    static CepOperator<ContainerEvent, String, Detection> operator(TypeSerializer<ContainerEvent> serializer,
            Set<String> listenerRules, Duration window, OutputTag<ContainerEvent> late) {
        return new CepOperator<>(serializer, false,
                NFACompiler.compileFactory(ListenerPattern.of(listenerRules, window), false), null,
                AfterMatchSkipStrategy.noSkip(), new ListenerMatches(listenerRules), late);
    }
}
