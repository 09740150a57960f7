package io.ncwatch.reliability;

import io.ncwatch.record.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A pass-through operator that fails the job at planned points: it counts the records passing through
 * it over every attempt of the job (replays after a restart included) and throws once when the count
 * reaches each trigger. The counts live in this JVM, shared by the subtasks of a MiniCluster.
 */
final class InjectedFailures implements MapFunction<RawEvent, RawEvent> {
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    private final String plan;

    private InjectedFailures(String plan) {
        this.plan = plan;
    }

    /** A failure when the count of records passed reaches each of TRIGGERS. */
    static InjectedFailures at(String plan, List<Long> triggers) {
        PLANS.put(plan, new Plan(ConcurrentHashMap.newKeySet(), new AtomicLong(), new AtomicInteger()));
        PLANS.get(plan).pending.addAll(triggers);
        return new InjectedFailures(plan);
    }

    /** How many failures PLAN has thrown so far. */
    static int injected(String plan) {
        return PLANS.get(plan).injected.get();
    }

    @Override
    public RawEvent map(RawEvent event) {
        Plan current = PLANS.get(plan);
        long count = current.passed.incrementAndGet();
        if (current.pending.remove(count)) {
            current.injected.incrementAndGet();
            throw new InjectedFailure("injected failure at record " + count + " of " + plan);
        }
        return event;
    }

    private record Plan(Set<Long> pending, AtomicLong passed, AtomicInteger injected) {}

    /** The failure this operator throws, told apart from real ones in the job's exception history. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }
}
