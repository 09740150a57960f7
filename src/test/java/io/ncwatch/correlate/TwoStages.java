package io.ncwatch.correlate;

import io.ncwatch.alert.Detection;
import io.ncwatch.context.ContainerContext;
import io.ncwatch.context.ContextHarness;
import io.ncwatch.event.ContainerEvent;
import java.util.Queue;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The context stage and the correlation's CEP operator, each in a keyed test harness (heap state, no
 * Kryo), wired as the job wires them: the context's correlation input feeds CEP, watermarks pass through.
 */
final class TwoStages implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, Detection> context;
    final KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, Detection> cep;

    TwoStages(int maxProcesses) throws Exception {
        context = ContextHarness.open(maxProcesses);
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        var serializer = TypeInformation.of(ContainerEvent.class)
                .createSerializer(context.getExecutionConfig().getSerializerConfig());
        cep = new KeyedOneInputStreamOperatorTestHarness<>(
                Correlation.operator(serializer, Set.of(io.ncwatch.context.TestContainerEvents.RULE), ContextHarness.WINDOW,
                        ContainerContext.LATE),
                (ContainerEvent event) -> event.containerId, Types.STRING);
        cep.getExecutionConfig().configure(noKryo, TwoStages.class.getClassLoader());
        cep.open();
    }

    void send(ContainerEvent event) throws Exception {
        context.processElement(event, event.timestamp);
        pump();
    }

    void watermark(long time) throws Exception {
        context.processWatermark(time);
        pump();
        cep.processWatermark(time);
    }

    int stateEntries() {
        return context.numKeyedStateEntries() + cep.numKeyedStateEntries();
    }

    int timers() {
        return context.numEventTimeTimers() + context.numProcessingTimeTimers() + cep.numEventTimeTimers()
                + cep.numProcessingTimeTimers();
    }

    private void pump() throws Exception {
        Queue<StreamRecord<ContainerEvent>> input = context.getSideOutput(ContainerContext.CORRELATION_INPUT);
        if (input != null) {
            for (StreamRecord<ContainerEvent> record; (record = input.poll()) != null; ) {
                cep.processElement(record);
            }
        }
    }

    @Override
    public void close() throws Exception {
        context.close();
        cep.close();
    }
}
