package io.ncwatch.decode;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw events and judges them by the single-event rules, before the shuffle: the rules read no
 * per-container state, and an event that matched nothing then crosses the network without its bytes.
 * Most events are not judged at all: their raw bytes rule out every rule ({@link EventDecoder}) and sequence
 * stage ({@link SequenceEvents}). Events with a {@code container.id} go on to the per-container stages, events that
 * matter to a sequence rule to {@link #SEQUENCE_EVENTS} (with or without a container); input that cannot be
 * decoded goes to {@link #DEAD_LETTERS} with its reason; never an exception for bad input.
 */
public class DecodeFunction extends ProcessFunction<RawEvent, ContainerEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    /** Events without a container id that matched a rule: they raise alerts without per-container context. */
    public static final OutputTag<ContainerEvent> UNCONTAINED_MATCHES =
            new OutputTag<>("uncontained-matches", TypeInformation.of(ContainerEvent.class));

    /** Events that matched a stage or the {@code until} of a sequence rule, one per rule and join key value. */
    public static final OutputTag<SequenceEvent> SEQUENCE_EVENTS =
            new OutputTag<>("sequence-events", TypeInformation.of(SequenceEvent.class));

    /** Reason of a dead letter whose field has a type ECS does not allow. */
    public static final String WRONG_TYPE = "WRONG_TYPE";
    /**
     * The accumulator of the events read since the job (re)started, all subtasks together: a client of a
     * bounded run reads it to show how far it is.
     */
    public static final String EVENTS_IN = "ncwatch-events-in";

    private final List<Rule> rules;
    private final EqlOptions eql;

    private transient EventDecoder decoder;
    private transient SequenceEvents sequenceEvents;
    private transient Counter eventsIn;
    private transient LongCounter eventsInTotal;
    private transient Counter decoded;
    private transient Counter withoutContainerId;
    private transient Counter matched;
    private transient MetricGroup deadLetteredGroup;
    private transient Map<String, Counter> deadLettered;

    /** {@code eql}: how the rules compare field values, as when the job loaded them. */
    public DecodeFunction(List<Rule> rules, EqlOptions eql) {
        this.rules = List.copyOf(rules);
        this.eql = eql;
    }

    @Override
    public void open(OpenContext openContext) {
        RuleSet ruleSet = RuleSet.compile(rules, eql);
        MetricGroup operator = getRuntimeContext().getMetricGroup();
        decoder = new EventDecoder(ruleSet, DecodeLimits.DEFAULT, new RuleMetrics(ruleSet.compiled(), operator));
        sequenceEvents = new SequenceEvents(ruleSet);
        MetricGroup metrics = operator.addGroup("ncwatch");
        eventsIn = metrics.counter("eventsIn");
        // Gets the one of this context when it has it: a test harness opens the function twice.
        eventsInTotal = getRuntimeContext().getLongCounter(EVENTS_IN);
        decoded = metrics.counter("eventsDecoded");
        withoutContainerId = metrics.counter("eventsWithoutContainerId");
        matched = metrics.counter("eventsMatched");
        deadLetteredGroup = metrics.addGroup("deadLettered");
        deadLettered = new HashMap<>();
    }

    @Override
    public void processElement(RawEvent raw, Context context, Collector<ContainerEvent> out) {
        eventsIn.inc();
        eventsInTotal.add(1);
        ContainerEvent event = new ContainerEvent();
        List<SequenceRule> sequenceRules = sequenceEvents.candidates(raw.json);
        boolean forSequences = !sequenceRules.isEmpty();
        DecodedEvent decodedEvent;
        try {
            decodedEvent = decoder.decode(raw.json, event, forSequences);
        } catch (MalformedEventException e) {
            deadLetter(raw, e.reason().name(), e.detail(), context);
            return;
        } catch (ContainerEventFields.WrongTypeException e) {
            deadLetter(raw, WRONG_TYPE, e.getMessage(), context);
            return;
        }
        decoded.inc();
        if (forSequences) {
            sequenceEvents.judge(sequenceRules, raw, decodedEvent, event.eventId, step -> context.output(SEQUENCE_EVENTS, step),
                    (reason, detail) -> deadLetter(raw, reason, detail, context));
        }
        event.topic = raw.topic;
        event.partition = raw.partition;
        event.offset = raw.offset;
        if (event.matched()) {
            matched.inc();
            event.raw = raw.json;
        }
        if (event.containerId != null) {
            out.collect(event);
        } else {
            withoutContainerId.inc();
            if (event.matched()) {
                context.output(UNCONTAINED_MATCHES, event);
            }
        }
    }

    private void deadLetter(RawEvent raw, String reason, String detail, Context context) {
        deadLettered.computeIfAbsent(reason, deadLetteredGroup::counter).inc();
        context.output(DEAD_LETTERS, DeadLetter.of(raw, reason, detail, context.timerService().currentProcessingTime()));
    }
}
