package io.ncwatch.context;

import io.ncwatch.alert.Detection;
import io.ncwatch.event.ContainerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** A {@link ContainerContext} in a keyed test harness, without Kryo, with a 10 min window and 30 s grace. */
public final class ContextHarness {
    public static final Duration WINDOW = Duration.ofMinutes(10);
    public static final Duration GRACE = Duration.ofSeconds(30);
    public static final Duration TTL = Duration.ofHours(24);

    private ContextHarness() {}

    public static KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, Detection> open(int maxProcesses)
            throws Exception {
        var harness = create(maxProcesses);
        harness.open();
        return harness;
    }

    /** Set up but not opened: for {@code initializeState} from a snapshot first. */
    public static KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, Detection> create(int maxProcesses)
            throws Exception {
        ContainerContext context = new ContainerContext(Set.of(TestContainerEvents.RULE), WINDOW, GRACE, TTL, maxProcesses);
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(context), (ContainerEvent event) -> event.containerId, Types.STRING);
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        harness.getExecutionConfig().configure(noKryo, ContextHarness.class.getClassLoader());
        return harness;
    }

    public static void send(KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, Detection> harness,
            ContainerEvent... events) throws Exception {
        for (ContainerEvent event : events) {
            harness.processElement(event, event.timestamp);
        }
    }

    /** The side output's values so far, and empties it. */
    public static List<ContainerEvent> take(
            KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, Detection> harness, OutputTag<ContainerEvent> tag) {
        List<ContainerEvent> values = new ArrayList<>();
        Queue<StreamRecord<ContainerEvent>> records = harness.getSideOutput(tag);
        if (records != null) {
            records.forEach(record -> values.add(record.getValue()));
            records.clear();
        }
        return values;
    }
}
