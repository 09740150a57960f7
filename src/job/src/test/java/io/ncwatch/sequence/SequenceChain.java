package io.ncwatch.sequence;

import io.ncwatch.decode.DecodeFunction;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.harness.KeyedHarness;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.Detection;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.LiveRules;
import io.ncwatch.rules.Rule;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The decoder and the sequence stage as the job wires them, each in a test harness (the stage keyed by
 * {@link SequenceEvent#key}, heap state, no Kryo): JSON events in, sequence detections out. Records pass
 * from the decoder to the stage at once; a watermark reaches the stage after the records before it.
 */
final class SequenceChain implements AutoCloseable {
    private final List<Rule> rules;
    private final SequenceSettings settings;
    private final OneInputStreamOperatorTestHarness<RawEvent, ?> decode;
    private final KeyedBroadcastOperatorTestHarness<String, SequenceEvent, RuleUpdate, Detection> stage;
    private long offset;

    SequenceChain(List<Rule> rules, SequenceSettings settings) throws Exception {
        this(rules, settings, null);
    }

    /** @param restored a snapshot of an earlier chain's stage, or null */
    private SequenceChain(List<Rule> rules, SequenceSettings settings, OperatorSubtaskState restored) throws Exception {
        this.rules = rules;
        this.settings = settings;
        this.decode = ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(rules, EqlOptions.ELASTICSEARCH));
        this.stage = KeyedHarness.withRuleUpdates(new SequenceFunction(new LiveRules(rules, EqlOptions.ELASTICSEARCH), settings),
                event -> event.key, new HashMapStateBackend());
        if (restored != null) {
            stage.initializeState(restored);
        }
        stage.open();
        // As in the job: rule updates do not hold event time back.
        stage.processBroadcastWatermark(Long.MAX_VALUE);
    }

    /** Decodes the events, in the order given, and hands what the decoder sends to the sequence stage on. */
    void send(String... events) throws Exception {
        for (String json : events) {
            RawEvent raw = TestEvents.raw(json, offset++);
            decode.processElement(raw, raw.timestamp);
            for (SequenceEvent event : KeyedHarness.take(decode, DecodeFunction.SEQUENCE_EVENTS)) {
                stage.processElement(event, event.timestamp);
            }
        }
    }

    /** Hands a rule update to the stage, as the rules topic would. */
    void update(RuleUpdate update) throws Exception {
        stage.processBroadcastElement(update, 0);
    }

    void watermark(long timestamp) throws Exception {
        stage.processWatermark(timestamp);
    }

    /** The detections so far, emptied. */
    List<Detection> detections() {
        return KeyedHarness.take(stage);
    }

    /** The events the stage received behind the watermark so far, emptied. */
    List<SequenceEvent> late() {
        return KeyedHarness.take(stage, SequenceFunction.LATE);
    }

    /** The decoder's dead letters so far, emptied. */
    List<DeadLetter> deadLetters() {
        return KeyedHarness.take(decode, DecodeFunction.DEAD_LETTERS);
    }

    int stateEntries() {
        return KeyedHarness.keyedStateEntries(stage);
    }

    int timers() {
        return stage.numEventTimeTimers();
    }

    /** A new chain whose stage starts from a snapshot of this one's, as after a restore from a savepoint. */
    SequenceChain restored() throws Exception {
        return new SequenceChain(rules, settings, stage.snapshot(1, 1));
    }

    @Override
    public void close() throws Exception {
        decode.close();
        stage.close();
    }
}
