package io.ncwatch.context;

import io.ncwatch.record.ContainerEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-container stage, keyed by {@code container.id}: it keeps the container's {@link ProcessTable}
 * and gives the events that go on their {@code ancestry} from it.
 * <ul>
 *   <li>Events that matched a rule go on at once (main output), with the ancestry known on arrival.
 *   <li>Events the later stages judge by their ancestry ({@code settled}: the correlation's follow-up
 *       candidates) go to {@link #SETTLED} once the watermark has passed them, with the ancestry known
 *       then: a parent that arrives after its child, within the watermark bound, is in it. One that
 *       arrives behind the watermark goes on at once.
 * </ul>
 * A container whose processes have ended and been released holds no state here. Waiting events share one
 * event-time timer per container, at the earliest of them, as the table's releases do ({@link ProcessTable}).
 */
public class ContainerContext extends KeyedProcessFunction<String, ContainerEvent, ContainerEvent> {
    public static final OutputTag<ContainerEvent> SETTLED =
            new OutputTag<>("settled", TypeInformation.of(ContainerEvent.class));

    private final FilterFunction<ContainerEvent> settled;
    private final ContextSettings settings;

    private transient ProcessTable table;
    /** Events of {@code settled} waiting for the watermark. */
    private transient ListState<ContainerEvent> pending;
    /** The event time of the timer that releases the earliest of {@link #pending}. */
    private transient ValueState<Long> pendingTimer;

    /** @param settled which events wait for the watermark before they go on (to {@link #SETTLED}) */
    public ContainerContext(FilterFunction<ContainerEvent> settled, ContextSettings settings) {
        this.settled = settled;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("ncwatch");
        table = new ProcessTable(getRuntimeContext(), settings.ttl(), settings.releaseGrace(), settings.maxProcesses(),
                metrics.counter("processesEvicted"));
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-candidates", TypeInformation.of(ContainerEvent.class)));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-timer", Types.LONG));
    }

    @Override
    public void processElement(ContainerEvent event, Context context, Collector<ContainerEvent> out) throws Exception {
        table.record(event, context.timerService());
        if (event.matched()) {
            event.ancestry = table.ancestry(event, context.timerService());
            out.collect(event);
        } else if (settled.filter(event)) {
            if (event.timestamp <= context.timerService().currentWatermark()) {
                event.ancestry = table.ancestry(event, context.timerService());
                context.output(SETTLED, event);
            } else {
                pending.add(event);
                Long timer = pendingTimer.value();
                if (timer == null || event.timestamp < timer) {
                    // a later timer still registered fires as well and finds nothing due
                    pendingTimer.update(event.timestamp);
                    context.timerService().registerEventTimeTimer(event.timestamp);
                }
            }
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext context, Collector<ContainerEvent> out) throws Exception {
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            table.forgetIdle(time, context.timerService());
            return;
        }
        // Everything the watermark has passed goes, not only what is due at this timer: one firing per
        // container per watermark step, however many events and ends it has behind the watermark.
        long watermark = context.timerService().currentWatermark();
        releaseSettled(watermark, context);
        table.release(watermark, context.timerService());
    }

    /**
     * Sends on, with their ancestry, the pending events the watermark has passed, and sets the timer for the
     * earliest of the rest. (State from before the shared timer has no {@link #pendingTimer}: its events each
     * have a timer of their own, and any timer looks at them.)
     */
    private void releaseSettled(long time, OnTimerContext context) throws Exception {
        Long timer = pendingTimer.value();
        if (timer != null && timer > time) {
            return;
        }
        Iterable<ContainerEvent> waiting = pending.get();
        if (waiting == null || !waiting.iterator().hasNext()) {
            return;
        }
        List<ContainerEvent> due = new ArrayList<>();
        List<ContainerEvent> later = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        for (ContainerEvent event : waiting) {
            if (event.timestamp > time) {
                later.add(event);
                earliest = Math.min(earliest, event.timestamp);
            } else {
                due.add(event);
            }
        }
        // in event time, as a timer per event released them (stable: arrival order for equal times)
        due.sort(Comparator.comparingLong(event -> event.timestamp));
        for (ContainerEvent event : due) {
            event.ancestry = table.ancestry(event, context.timerService());
            context.output(SETTLED, event);
        }
        if (later.isEmpty()) {
            pending.clear();
            pendingTimer.clear();
        } else {
            pending.update(later);
            pendingTimer.update(earliest);
            context.timerService().registerEventTimeTimer(earliest);
        }
    }
}
