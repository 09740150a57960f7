package io.ncwatch.sequence;

import io.ncwatch.eql.runtime.CompiledSequence;
import io.ncwatch.eql.runtime.SequenceHit;
import io.ncwatch.eql.runtime.SequenceMatch;
import io.ncwatch.eql.runtime.SequenceMatcher;
import io.ncwatch.eql.runtime.SequenceMember;
import io.ncwatch.eql.runtime.SequenceState;
import io.ncwatch.record.Detection;
import io.ncwatch.record.MatchedSequence;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.LiveRules;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The sequence rules, per rule and join key value ({@link SequenceEvent#key}), in event time. Events wait
 * in state until the watermark passes them, then go in Elasticsearch's order (@timestamp, then the order
 * they arrived in: a Kafka partition's order for equal timestamps) into the key's
 * {@link SequenceMatcher}, which returns the completed sequences. A timer {@code maxspan} after the
 * oldest event the matcher remembers lets it free what can no longer complete; a rule without maxspan gets
 * {@link SequenceSettings#defaultHorizon} as its maxspan, so no state lives longer. A key whose matcher
 * is empty and that waits for no event has no state. Events behind the watermark go to {@link #LATE}.
 */
public class SequenceFunction extends KeyedBroadcastProcessFunction<String, SequenceEvent, RuleUpdate, Detection> {
    public static final OutputTag<SequenceEvent> LATE =
            new OutputTag<>("late-for-sequences", TypeInformation.of(SequenceEvent.class));

    private static final MapStateDescriptor<Long, List<SequenceEvent>> WAITING = new MapStateDescriptor<>("waiting",
            LongSerializer.INSTANCE, new ListSerializer<>(SequenceEventSerializer.INSTANCE));
    private static final ValueStateDescriptor<SequenceState<SequenceEvent>> IN_FLIGHT =
            new ValueStateDescriptor<>("in-flight", SequenceStateSerializer.INSTANCE);

    private final LiveRules rules;
    private final SequenceSettings settings;

    /** By rule id; null when the rules changed since they were last compiled. */
    private transient Map<String, CompiledSequence> sequences;
    /** Events not yet behind the watermark, by timestamp, in arrival order. */
    private transient MapState<Long, List<SequenceEvent>> waiting;
    private transient ValueState<SequenceState<SequenceEvent>> inFlight;
    private transient Counter matched;

    /** @param rules the job's rules, as its rules topic changes them; only the sequences matter here */
    public SequenceFunction(LiveRules rules, SequenceSettings settings) {
        this.rules = rules;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = getRuntimeContext().getMapState(WAITING);
        inFlight = getRuntimeContext().getState(IN_FLIGHT);
        matched = getRuntimeContext().getMetricGroup().addGroup("ncwatch").counter("sequencesMatched");
    }

    /** The sequences of the rules in effect, by rule id, compiled again after the rules changed. */
    private Map<String, CompiledSequence> sequences(ReadOnlyContext context) throws Exception {
        if (sequences == null) {
            List<Rule> current = rules.current(context.getBroadcastState(LiveRules.TEXTS), context.getBroadcastState(LiveRules.REMOVED));
            sequences = new HashMap<>();
            for (SequenceRule rule : RuleSet.compile(current, rules.eql()).sequences()) {
                sequences.put(rule.rule().ruleId(), bounded(rule.sequence(), settings.defaultHorizon()));
            }
        }
        return sequences;
    }

    /**
     * Applies an update the decoder accepts too (it dead-letters the others): the state of the rule it
     * replaces or removes goes, as its sequences belong to the rule's old version.
     */
    @Override
    public void processBroadcastElement(RuleUpdate update, Context context, Collector<Detection> out) throws Exception {
        if (!rules.applyIfValid(update, context.getBroadcastState(LiveRules.TEXTS), context.getBroadcastState(LiveRules.REMOVED))) {
            return;
        }
        sequences = null;
        release(context, WAITING, update.ruleId);
        release(context, IN_FLIGHT, update.ruleId);
    }

    private static <S extends State> void release(Context context, StateDescriptor<S, ?> state, String ruleId) throws Exception {
        context.applyToKeyedState(state, (key, ofKey) -> {
            if (SequenceEvent.ruleIdOf(key).equals(ruleId)) {
                ofKey.clear();
            }
        });
    }

    /** The sequence, with {@code horizon} as its maxspan when it has none. */
    private static CompiledSequence bounded(CompiledSequence sequence, Duration horizon) {
        return sequence.maxspan() != null ? sequence : new CompiledSequence(sequence.stages(), sequence.until(), horizon);
    }

    @Override
    public void processElement(SequenceEvent event, ReadOnlyContext context, Collector<Detection> out)
            throws Exception {
        if (event.timestamp <= context.timerService().currentWatermark()) {
            context.output(LATE, event);
            return;
        }
        List<SequenceEvent> at = waiting.get(event.timestamp);
        at = at == null ? new ArrayList<>(1) : at;
        at.add(event);
        waiting.put(event.timestamp, at);
        context.timerService().registerEventTimeTimer(event.timestamp);
    }

    /**
     * Fires at the timestamps of waiting events and {@code maxspan} after them, in timestamp order: the
     * watermark has passed {@code timestamp}, so no event at or before it can still come.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Detection> out)
            throws Exception {
        String ruleId = SequenceEvent.ruleIdOf(context.getCurrentKey());
        CompiledSequence sequence = sequences(context).get(ruleId);
        if (sequence == null) {
            // State of a rule the job no longer has (restored from a savepoint of a job that had it, or
            // events on their way when it was removed): nothing can complete it now.
            waiting.clear();
            inFlight.clear();
            return;
        }
        SequenceState<SequenceEvent> state = inFlight.value();
        SequenceMatcher<SequenceEvent> matcher = state == null ? sequence.matcher() : sequence.matcher(state);
        List<SequenceEvent> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            for (SequenceEvent event : due) {
                emit(ruleId, matcher.accept(hitOf(event), event.timestamp, event), out);
            }
        }
        emit(ruleId, matcher.advanceTo(timestamp), out);
        if (matcher.isEmpty()) {
            inFlight.clear();
        } else {
            SequenceState<SequenceEvent> now = matcher.state();
            inFlight.update(now);
            context.timerService().registerEventTimeTimer(oldest(now) + sequence.maxspan().toMillis());
        }
    }

    /**
     * The time of the oldest event the state remembers: maxspan after it, something expires or a
     * sequence waiting for the absence of a missing-event stage completes.
     */
    private static long oldest(SequenceState<SequenceEvent> state) {
        long oldest = Long.MAX_VALUE;
        for (var partial : state.partials()) {
            oldest = Math.min(oldest, partial.leadingMissing() == null ? partial.start() : partial.leadingMissing());
        }
        for (long missing : state.leadingMissing()) {
            oldest = Math.min(oldest, missing);
        }
        return oldest;
    }

    private static SequenceHit hitOf(SequenceEvent event) {
        return new SequenceHit(Arrays.asList((Object[]) event.joinKeys), Arrays.stream(event.stages).boxed().toList(), event.until);
    }

    private void emit(String ruleId, List<SequenceMatch<SequenceEvent>> matches,
            Collector<Detection> out) {
        for (SequenceMatch<SequenceEvent> match : matches) {
            List<SequenceMember<SequenceEvent>> members = match.members();
            SequenceEvent[] events = new SequenceEvent[members.size()];
            int[] stages = new int[members.size()];
            for (int i = 0; i < events.length; i++) {
                events[i] = members.get(i).payload();
                stages[i] = members.get(i).stage();
            }
            out.collect(Detection.ofSequence(ruleId, new MatchedSequence(events[0].joinKeys, events, stages)));
            matched.inc();
        }
    }
}
