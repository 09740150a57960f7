package io.ncwatch.harness;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.rules.LiveRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * A keyed operator in a test harness as the job runs it: keyed by {@code container.id} (or another
 * string), without Kryo (every state type must have a Flink serializer), on the given state backend.
 */
public final class KeyedHarness {
    private KeyedHarness() {}

    /** Set up but not opened: {@code initializeState} from a snapshot may come first. */
    public static <O> KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, O> byContainer(
            OneInputStreamOperator<ContainerEvent, O> operator, StateBackend backend) throws Exception {
        return keyed(operator, event -> event.containerId, backend);
    }

    /** An operator keyed by a string of its input, set up as {@link #byContainer} sets it up. */
    public static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> keyed(
            OneInputStreamOperator<I, O> operator, KeySelector<I, String> key, StateBackend backend) throws Exception {
        return asTheJobRunsIt(new KeyedOneInputStreamOperatorTestHarness<>(operator, key, Types.STRING), backend);
    }

    /**
     * A keyed stage that also takes the job's rule updates as broadcast state, set up as {@link #byContainer}
     * sets one up.
     */
    public static <I, O> KeyedBroadcastOperatorTestHarness<String, I, RuleUpdate, O> withRuleUpdates(
            KeyedBroadcastProcessFunction<String, I, RuleUpdate, O> function, KeySelector<I, String> key, StateBackend backend)
            throws Exception {
        var operator = new CoBroadcastWithKeyedOperator<>(function, List.of(LiveRules.TEXTS, LiveRules.REMOVED));
        return asTheJobRunsIt(new KeyedBroadcastOperatorTestHarness<>(operator, key, Types.STRING, 1, 1, 0), backend);
    }

    private static <H extends AbstractStreamOperatorTestHarness<?>> H asTheJobRunsIt(H harness, StateBackend backend) {
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        harness.getExecutionConfig().configure(noKryo, KeyedHarness.class.getClassLoader());
        harness.setStateBackend(backend);
        return harness;
    }

    /** The entries of the harness's keyed state on the heap, all keys and states together. */
    public static int keyedStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    /** Each event at its own timestamp. */
    public static void send(KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ?> harness,
            ContainerEvent... events) throws Exception {
        for (ContainerEvent event : events) {
            harness.processElement(event, event.timestamp);
        }
    }

    /** The main output's records so far, emptied. */
    @SuppressWarnings("unchecked")
    public static <O> List<O> take(AbstractStreamOperatorTestHarness<O> harness) {
        List<O> values = new ArrayList<>();
        for (Object element; (element = harness.getOutput().poll()) != null; ) {
            if (element instanceof StreamRecord<?> record) {
                values.add((O) record.getValue());
            }
        }
        return values;
    }

    /** The side output's records so far, emptied. */
    public static <T> List<T> take(AbstractStreamOperatorTestHarness<?> harness, OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
        if (records != null) {
            for (StreamRecord<T> record; (record = records.poll()) != null; ) {
                values.add(record.getValue());
            }
        }
        return values;
    }
}
