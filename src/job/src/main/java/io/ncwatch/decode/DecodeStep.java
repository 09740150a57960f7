package io.ncwatch.decode;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * What the decode operator does with each raw event, whichever rules it runs: {@link DecodeFunction}
 * with the rules the job started with, {@link LiveDecodeFunction} with those its rules topic makes.
 */
final class DecodeStep {
    /** An operator context's side outputs. */
    interface SideOutputs {
        <T> void output(OutputTag<T> tag, T record);
    }

    /**
     * Where the step's records go: the operator's output and side outputs.
     *
     * @param now processing time, for dead letters
     */
    record Output(Collector<ContainerEvent> contained, SideOutputs sides, LongSupplier now) {}

    private final Counter eventsIn;
    private final LongCounter eventsInTotal;
    private final Counter decoded;
    private final Counter withoutContainerId;
    private final Counter matched;
    private final MetricGroup deadLetteredGroup;
    private final Map<String, Counter> deadLettered = new HashMap<>();
    private final RuleMetrics ruleMetrics;

    private EventDecoder decoder;
    private SequenceEvents sequenceEvents;

    DecodeStep(RuntimeContext context) {
        MetricGroup operator = context.getMetricGroup();
        MetricGroup metrics = operator.addGroup("ncwatch");
        eventsIn = metrics.counter("eventsIn");
        // Gets the one of this context when it has it: a test harness opens the function twice.
        eventsInTotal = context.getLongCounter(DecodeFunction.EVENTS_IN);
        decoded = metrics.counter("eventsDecoded");
        withoutContainerId = metrics.counter("eventsWithoutContainerId");
        matched = metrics.counter("eventsMatched");
        deadLetteredGroup = metrics.addGroup("deadLettered");
        ruleMetrics = new RuleMetrics(operator);
    }

    /** Judges the events to come by {@code ruleSet}: its fields are the ones decoded from now on. */
    void use(RuleSet ruleSet) {
        decoder = new EventDecoder(ruleSet, DecodeLimits.DEFAULT, ruleMetrics.of(ruleSet.compiled()));
        sequenceEvents = new SequenceEvents(ruleSet);
    }

    void process(RawEvent raw, Output out) {
        eventsIn.inc();
        eventsInTotal.add(1);
        ContainerEvent event = new ContainerEvent();
        List<SequenceRule> sequenceRules = sequenceEvents.candidates(raw.json);
        boolean forSequences = !sequenceRules.isEmpty();
        DecodedEvent decodedEvent;
        try {
            decodedEvent = decoder.decode(raw.json, event, forSequences);
        } catch (MalformedEventException e) {
            deadLetter(DeadLetter.of(raw, e.reason().name(), e.detail(), out.now().getAsLong()), out);
            return;
        } catch (ContainerEventFields.WrongTypeException e) {
            deadLetter(DeadLetter.of(raw, DecodeFunction.WRONG_TYPE, e.getMessage(), out.now().getAsLong()), out);
            return;
        }
        decoded.inc();
        if (forSequences) {
            sequenceEvents.judge(sequenceRules, raw, decodedEvent, event.eventId, step -> out.sides().output(DecodeFunction.SEQUENCE_EVENTS, step),
                    (reason, detail) -> deadLetter(DeadLetter.of(raw, reason, detail, out.now().getAsLong()), out));
        }
        event.topic = raw.topic;
        event.partition = raw.partition;
        event.offset = raw.offset;
        if (event.matched()) {
            matched.inc();
            event.raw = raw.json;
        }
        if (event.containerId != null) {
            out.contained().collect(event);
        } else {
            withoutContainerId.inc();
            if (event.matched()) {
                out.sides().output(DecodeFunction.UNCONTAINED_MATCHES, event);
            }
        }
    }

    /** Counts {@code letter} by its reason and hands it to the dead-letter output. */
    void deadLetter(DeadLetter letter, Output out) {
        deadLettered.computeIfAbsent(letter.reason, deadLetteredGroup::counter).inc();
        out.sides().output(DecodeFunction.DEAD_LETTERS, letter);
    }
}
