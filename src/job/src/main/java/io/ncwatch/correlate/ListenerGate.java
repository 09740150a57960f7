package io.ncwatch.correlate;

import io.ncwatch.record.ContainerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The correlation's gate, keyed by container, before CEP: it lets through only what can matter to the
 * pattern, so that CEP does not buffer every shell start and connection of the fleet.
 * <ul>
 *   <li>Listener detections go on, and open the container's listener window.
 *   <li>Follow-up candidates wait until the watermark passes them (a listener that arrives after a
 *       candidate, out of order within the watermark bound, still counts), then go on if a listener's
 *       window covers them; the others are dropped. CEP would hold them until then anyway, so this costs
 *       no latency.
 *   <li>What the correlation would have wanted but arrived behind the watermark goes to {@link #LATE}
 *       (and is counted), instead of being dropped.
 * </ul>
 * A container whose listener window has passed holds no state here.
 */
public class ListenerGate extends KeyedProcessFunction<String, ContainerEvent, ContainerEvent> {
    public static final OutputTag<ContainerEvent> LATE =
            new OutputTag<>("late-for-correlation", TypeInformation.of(ContainerEvent.class));

    private final Set<String> listenerRules;
    private final Duration window;

    /**
     * Where the container's listeners are. Kept one window longer than it lasts, so that an event up
     * to a window late is still recognised as late for correlation.
     */
    private transient ValueState<ListenerWindow> listeners;
    /** Candidates waiting for the watermark. */
    private transient ListState<ContainerEvent> pending;
    private transient Counter late;
    private transient Counter forwarded;

    /**
     * @param listenerRules ids of the rules whose detections are listeners
     * @param window how long after a listener its follow-ups count
     */
    public ListenerGate(Set<String> listenerRules, Duration window) {
        this.listenerRules = Set.copyOf(listenerRules);
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ncwatch");
        listeners = getRuntimeContext().getState(
                new ValueStateDescriptor<>("listener-window", TypeInformation.of(ListenerWindow.class)));
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-candidates", TypeInformation.of(ContainerEvent.class)));
        late = metrics.counter("lateForCorrelation");
        forwarded = metrics.counter("correlationInput");
    }

    @Override
    public void processElement(ContainerEvent event, Context context, Collector<ContainerEvent> out) throws Exception {
        boolean behindWatermark = event.timestamp <= context.timerService().currentWatermark();
        if (ListenerPattern.isListener(event, listenerRules)) {
            if (behindWatermark) {
                late(event, context);
                return;
            }
            forward(event, out);
            long until = event.timestamp + window.toMillis();
            ListenerWindow current = listeners.value();
            if (current == null) {
                current = new ListenerWindow(event.timestamp, until);
            } else {
                current.from = Math.min(current.from, event.timestamp);
                current.until = Math.max(current.until, until);
            }
            listeners.update(current);
            context.timerService().registerEventTimeTimer(current.until + window.toMillis());
        } else if (FollowUp.isCandidate(event)) {
            if (!behindWatermark) {
                pending.add(event);
                context.timerService().registerEventTimeTimer(event.timestamp);
            } else if (withinListenerWindow(event.timestamp)) {
                late(event, context);
            }
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<ContainerEvent> out) throws Exception {
        releaseDueCandidates(time, out);
        ListenerWindow current = listeners.value();
        if (current != null && current.until + window.toMillis() <= time) {
            listeners.clear();
        }
    }

    /** Forwards the candidates the watermark has passed when a listener covers them; drops the others. */
    private void releaseDueCandidates(long time, Collector<ContainerEvent> out) throws Exception {
        Iterable<ContainerEvent> waiting = pending.get();
        if (waiting == null || !waiting.iterator().hasNext()) {
            return;
        }
        List<ContainerEvent> later = new ArrayList<>();
        for (ContainerEvent candidate : waiting) {
            if (candidate.timestamp > time) {
                later.add(candidate);
            } else if (withinListenerWindow(candidate.timestamp)) {
                forward(candidate, out);
            }
        }
        if (later.isEmpty()) {
            pending.clear();
        } else {
            pending.update(later);
        }
    }

    private boolean withinListenerWindow(long timestamp) throws Exception {
        ListenerWindow current = listeners.value();
        return current != null && current.covers(timestamp);
    }

    private void forward(ContainerEvent event, Collector<ContainerEvent> out) {
        forwarded.inc();
        out.collect(event);
    }

    private void late(ContainerEvent event, Context context) {
        late.inc();
        context.output(LATE, event);
    }
}
