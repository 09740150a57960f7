package io.ncwatch.decode;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.SequenceEvent;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleSet;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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

    private transient DecodeStep step;
    private transient Context outputContext;
    private transient DecodeStep.Output output;

    /** {@code eql}: how the rules compare field values, as when the job loaded them. */
    public DecodeFunction(List<Rule> rules, EqlOptions eql) {
        this.rules = List.copyOf(rules);
        this.eql = eql;
    }

    @Override
    public void open(OpenContext openContext) {
        step = new DecodeStep(getRuntimeContext());
        step.use(RuleSet.compile(rules, eql));
    }

    @Override
    public void processElement(RawEvent raw, Context context, Collector<ContainerEvent> out) {
        // Flink hands every call the same context and collector: the output is made once, not per event.
        if (context != outputContext) {
            outputContext = context;
            output = new DecodeStep.Output(out, context::output, context.timerService()::currentProcessingTime);
        }
        step.process(raw, output);
    }
}
