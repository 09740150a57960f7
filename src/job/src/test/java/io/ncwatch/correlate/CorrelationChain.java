package io.ncwatch.correlate;

import io.ncwatch.context.ContainerContext;
import io.ncwatch.context.ContextInput;
import io.ncwatch.context.ContextSettings;
import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.Detection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The per-container stages as the job wires them, each operator in a keyed test harness (heap state, no
 * Kryo): what the context reads, the context, the listener gate and the CEP operator that
 * {@link Correlation#of} builds (made here from the same pattern and function). Records pass from one
 * harness to the next; a watermark passes through all of them after the records before it.
 */
public final class CorrelationChain implements AutoCloseable {
    private final ContextInput input = new ContextInput(FollowUp::isCandidate);
    private final Set<String> listenerRules;
    private final KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ContainerEvent> context;
    private final KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ContainerEvent> gate;
    private final KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, Detection> cep;
    private final List<ContainerEvent> matches = new ArrayList<>();
    private final List<ContainerEvent> late = new ArrayList<>();

    public CorrelationChain(Set<String> listenerRules, ContextSettings context, Duration window) throws Exception {
        this.listenerRules = Set.copyOf(listenerRules);
        this.context = KeyedHarness.byContainer(
                new KeyedProcessOperator<>(new ContainerContext(FollowUp::isCandidate, context)), new HashMapStateBackend());
        this.gate = KeyedHarness.byContainer(
                new KeyedProcessOperator<>(new ListenerGate(listenerRules, window)), new HashMapStateBackend());
        var serializer = TypeInformation.of(ContainerEvent.class)
                .createSerializer(this.context.getExecutionConfig().getSerializerConfig());
        this.cep = KeyedHarness.byContainer(new CepOperator<>(serializer, false,
                NFACompiler.compileFactory(ListenerPattern.of(listenerRules, window), false), null,
                AfterMatchSkipStrategy.noSkip(), new ListenerMatches(listenerRules), ListenerGate.LATE),
                new HashMapStateBackend());
        for (var harness : harnesses()) {
            harness.setCheckpointStorage(new JobManagerCheckpointStorage(Integer.MAX_VALUE));
            harness.open();
        }
    }

    public void send(ContainerEvent event) throws Exception {
        List<ContainerEvent> read = new ArrayList<>(1);
        input.flatMap(event, new ListCollector<>(read));
        for (ContainerEvent wanted : read) {
            context.processElement(wanted, wanted.timestamp);
        }
        pump();
    }

    public void watermark(long time) throws Exception {
        context.processWatermark(time);
        pump();
        gate.processWatermark(time);
        pump();
        cep.processWatermark(time);
        late.addAll(KeyedHarness.take(cep, ListenerGate.LATE));
    }

    /** Events that matched a rule, as the context sent them on (one rule detection per matched rule). */
    public List<ContainerEvent> matches() {
        return matches;
    }

    /** The correlation's detections so far. */
    public List<Detection> detections() {
        return cep.extractOutputValues();
    }

    /** What arrived too late for the correlation, from the gate and from CEP. */
    public List<ContainerEvent> late() {
        return late;
    }

    /** Keyed state entries in all operators, CEP's own included. */
    public int stateEntries() {
        return context.numKeyedStateEntries() + gate.numKeyedStateEntries() + cep.numKeyedStateEntries();
    }

    public int timers() {
        int timers = 0;
        for (var harness : harnesses()) {
            timers += harness.numEventTimeTimers() + harness.numProcessingTimeTimers();
        }
        return timers;
    }

    /** Bytes a checkpoint of all operators writes. */
    public long snapshotBytes(long checkpointId) throws Exception {
        long bytes = 0;
        for (var harness : harnesses()) {
            bytes += harness.snapshot(checkpointId, 0).getStateSize();
        }
        return bytes;
    }

    private void pump() throws Exception {
        for (ContainerEvent match : KeyedHarness.take(context)) {
            matches.add(match);
            if (ListenerPattern.isListener(match, listenerRules)) {
                gate.processElement(match, match.timestamp);
            }
        }
        for (ContainerEvent settled : KeyedHarness.take(context, ContainerContext.SETTLED)) {
            gate.processElement(settled, settled.timestamp);
        }
        late.addAll(KeyedHarness.take(gate, ListenerGate.LATE));
        for (ContainerEvent gated : KeyedHarness.take(gate)) {
            cep.processElement(gated, gated.timestamp);
        }
        late.addAll(KeyedHarness.take(cep, ListenerGate.LATE));
    }

    private List<KeyedOneInputStreamOperatorTestHarness<String, ContainerEvent, ?>> harnesses() {
        return List.of(context, gate, cep);
    }

    @Override
    public void close() throws Exception {
        for (var harness : harnesses()) {
            harness.close();
        }
    }
}
