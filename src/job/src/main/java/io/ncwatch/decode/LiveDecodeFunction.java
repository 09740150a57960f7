package io.ncwatch.decode;

import io.ncwatch.record.ContainerEvent;
import io.ncwatch.record.DeadLetter;
import io.ncwatch.record.RawEvent;
import io.ncwatch.record.RuleUpdate;
import io.ncwatch.rules.LiveRules;
import io.ncwatch.rules.RuleSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link DecodeFunction} for a job with a rules topic: the topic arrives as broadcast state
 * ({@link LiveRules}), and an update takes effect for the events this subtask decodes after it, the
 * fields it reads among them. An update the job cannot run is refused as a dead letter with its reason
 * (by the first subtask, so once), and the rule it would have replaced runs on.
 */
public class LiveDecodeFunction extends BroadcastProcessFunction<RawEvent, RuleUpdate, ContainerEvent> {
    private final LiveRules rules;

    private transient DecodeStep step;
    private transient ReadOnlyContext outputContext;
    private transient DecodeStep.Output output;
    /** The rules changed since the step last compiled them: it compiles them again before its next event. */
    private transient boolean changed;

    public LiveDecodeFunction(LiveRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        step = new DecodeStep(getRuntimeContext());
        // Restored broadcast state is readable only once elements arrive.
        changed = true;
    }

    @Override
    public void processElement(RawEvent raw, ReadOnlyContext context, Collector<ContainerEvent> out) throws Exception {
        if (changed) {
            step.use(RuleSet.compile(rules.current(context.getBroadcastState(LiveRules.TEXTS),
                    context.getBroadcastState(LiveRules.REMOVED)), rules.eql()));
            changed = false;
        }
        // Flink hands every call the same context and collector: the output is made once, not per event.
        if (context != outputContext) {
            outputContext = context;
            output = new DecodeStep.Output(out, context::output, context::currentProcessingTime);
        }
        step.process(raw, output);
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context context, Collector<ContainerEvent> out) throws Exception {
        String problem = rules.problem(update);
        if (problem == null) {
            LiveRules.apply(update, context.getBroadcastState(LiveRules.TEXTS), context.getBroadcastState(LiveRules.REMOVED));
            changed = true;
        } else if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            step.deadLetter(DeadLetter.rejected(update, problem, context.currentProcessingTime()), new DecodeStep.Output(out, context::output, context::currentProcessingTime));
        }
    }
}
