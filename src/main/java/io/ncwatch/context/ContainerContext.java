package io.ncwatch.context;

import io.ncwatch.alert.Detection;
import io.ncwatch.correlate.FollowUp;
import io.ncwatch.correlate.ListenerPattern;
import io.ncwatch.event.ContainerEvent;
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
 * The per-container stage, keyed by {@code container.id}. It keeps the container's {@link ProcessTable},
 * attaches {@code ancestry} to the events that need it, and
 * <ul>
 *   <li>emits a rule detection per rule an event matched, at once (main output);
 *   <li>feeds the correlation ({@link #CORRELATION_INPUT}) only what can matter: listener detections,
 *       and follow-up candidates ({@link FollowUp#isCandidate}) while a listener of their container is
 *       within the window. A candidate waits here until the watermark passes it, so that a listener that
 *       arrives after it (out of order, within the watermark bound) still counts; the correlation's CEP
 *       operator would hold it until then anyway, so this costs no latency;
 *   <li>sends what the correlation would have wanted but arrived behind the watermark to {@link #LATE}
 *       (and counts it), instead of dropping it.
 * </ul>
 * A container whose processes have ended and been released, and whose listener window has passed,
 * holds no state here.
 */
public class ContainerContext extends KeyedProcessFunction<String, ContainerEvent, Detection> {
    public static final OutputTag<ContainerEvent> CORRELATION_INPUT =
            new OutputTag<>("correlation-input", TypeInformation.of(ContainerEvent.class));
    public static final OutputTag<ContainerEvent> LATE =
            new OutputTag<>("late-for-correlation", TypeInformation.of(ContainerEvent.class));

    private final Set<String> listenerRules;
    private final Duration window;
    private final Duration releaseGrace;
    private final Duration ttl;
    private final int maxProcesses;

    private transient ProcessTable table;
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
     * @param releaseGrace event time a process stays in the table after its end event
     * @param ttl a process not read or written this long (processing time) leaves the table
     * @param maxProcesses processes kept per container; beyond, the oldest are evicted
     */
    public ContainerContext(Set<String> listenerRules, Duration window, Duration releaseGrace, Duration ttl, int maxProcesses) {
        this.listenerRules = Set.copyOf(listenerRules);
        this.window = window;
        this.releaseGrace = releaseGrace;
        this.ttl = ttl;
        this.maxProcesses = maxProcesses;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ncwatch");
        table = new ProcessTable(getRuntimeContext(), ttl, releaseGrace, maxProcesses, metrics.counter("processesEvicted"));
        listeners = getRuntimeContext().getState(
                new ValueStateDescriptor<>("listener-window", TypeInformation.of(ListenerWindow.class)));
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-candidates", TypeInformation.of(ContainerEvent.class)));
        late = metrics.counter("lateForCorrelation");
        forwarded = metrics.counter("correlationInput");
    }

    /**
     * Whether this stage does anything with {@code event}: a process start or end (the table), a rule
     * match, or a follow-up candidate. The job drops the others before the shuffle to this stage, so
     * that they are not serialized, sent and deserialized for nothing.
     */
    public static boolean reads(ContainerEvent event) {
        return event.matched() || FollowUp.isCandidate(event) || ProcessTable.records(event);
    }

    @Override
    public void processElement(ContainerEvent event, Context context, Collector<Detection> out) throws Exception {
        if (!reads(event)) {
            return;
        }
        long releaseAt = table.record(event);
        if (releaseAt != 0) {
            context.timerService().registerEventTimeTimer(releaseAt);
        }
        boolean behindWatermark = event.timestamp <= context.timerService().currentWatermark();
        if (event.matched()) {
            event.ancestry = table.ancestry(event);
            Detection.ofRules(event).forEach(out::collect);
        }
        if (ListenerPattern.isListener(event, listenerRules)) {
            if (behindWatermark) {
                late(event, context);
                return;
            }
            forward(event, context);
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
    public void onTimer(long time, OnTimerContext context, Collector<Detection> out) throws Exception {
        releaseDueCandidates(time, context);
        table.release(time);
        ListenerWindow current = listeners.value();
        if (current != null && current.until + window.toMillis() <= time) {
            listeners.clear();
        }
    }

    /** Forwards the candidates the watermark has passed when a listener covers them; drops the others. */
    private void releaseDueCandidates(long time, OnTimerContext context) throws Exception {
        Iterable<ContainerEvent> waiting = pending.get();
        if (waiting == null || !waiting.iterator().hasNext()) {
            return;
        }
        List<ContainerEvent> later = new ArrayList<>();
        for (ContainerEvent candidate : waiting) {
            if (candidate.timestamp > time) {
                later.add(candidate);
            } else if (withinListenerWindow(candidate.timestamp)) {
                candidate.ancestry = table.ancestry(candidate);
                forward(candidate, context);
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

    private void forward(ContainerEvent event, Context context) {
        forwarded.inc();
        context.output(CORRELATION_INPUT, event);
    }

    private void late(ContainerEvent event, Context context) {
        late.inc();
        context.output(LATE, event);
    }
}
