package io.ncwatch.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What to generate. Build with {@link #builder()}; the same options give byte-identical output.
 *
 * @param seed seeds every random choice
 * @param containers how many containers the fleet has
 * @param events stop after this many events (0: no limit by count)
 * @param duration stop at this much event time after {@code start} (null: no limit by time)
 * @param rate events per second of event time, over the whole fleet
 * @param start event time of the run's beginning
 * @param attackRate share of all events that belong to attack scenarios (0.001: 1 in 1,000)
 * @param scenarios with {@code attackRate} 0, each is played once; otherwise the attacks are drawn from
 *     these (the netcat scenarios when empty)
 * @param network whether network events are generated at all
 */
public record FleetOptions(
        long seed,
        int containers,
        long events,
        Duration duration,
        double rate,
        Instant start,
        double attackRate,
        List<Scenario> scenarios,
        boolean network) {

    public static final Instant DEFAULT_START = Instant.parse("2026-11-28T06:00:00Z");
    public static final int DEFAULT_CONTAINERS = 50;
    public static final long DEFAULT_EVENTS = 4_000;
    /** Events per second per container when no rate is given. */
    public static final double DEFAULT_RATE_PER_CONTAINER = 0.4;

    public FleetOptions {
        if (containers < 1) {
            throw new IllegalArgumentException("containers must be at least 1, got " + containers);
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must not be negative, got " + events);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (events == 0 && duration == null) {
            throw new IllegalArgumentException("give a number of events or a duration");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of events per second, got " + rate);
        }
        if (!(attackRate >= 0 && attackRate < 1)) {
            throw new IllegalArgumentException("attack rate must be at least 0 and below 1, got " + attackRate);
        }
        if (start == null) {
            throw new IllegalArgumentException("start must be set");
        }
        scenarios = List.copyOf(scenarios);
    }

    /** The event time the run is planned to cover: its duration, or its events at its rate. */
    public Duration plannedDuration() {
        Duration byCount = events == 0 ? null : Duration.ofMillis((long) Math.ceil(events * 1000 / rate));
        if (duration == null) {
            return byCount;
        }
        return byCount == null || duration.compareTo(byCount) < 0 ? duration : byCount;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: seed 1, 50 containers, 4,000 events, 0.4 events/s per container, no attacks, network on. */
    public static final class Builder {
        private long seed = 1;
        private int containers = DEFAULT_CONTAINERS;
        private long events;
        private Duration duration;
        private double rate;
        private Instant start = DEFAULT_START;
        private double attackRate;
        private List<Scenario> scenarios = List.of();
        private boolean network = true;

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder containers(int containers) {
            this.containers = containers;
            return this;
        }

        public Builder events(long events) {
            this.events = events;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder rate(double eventsPerSecond) {
            this.rate = eventsPerSecond;
            return this;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder attackRate(double attackRate) {
            this.attackRate = attackRate;
            return this;
        }

        public Builder scenarios(List<Scenario> scenarios) {
            this.scenarios = scenarios;
            return this;
        }

        public Builder scenarios(Scenario... scenarios) {
            return scenarios(List.of(scenarios));
        }

        public Builder network(boolean network) {
            this.network = network;
            return this;
        }

        public FleetOptions build() {
            long count = events == 0 && duration == null ? DEFAULT_EVENTS : events;
            double eventsPerSecond = rate == 0 ? containers * DEFAULT_RATE_PER_CONTAINER : rate;
            return new FleetOptions(
                    seed, containers, count, duration, eventsPerSecond, start, attackRate, scenarios, network);
        }
    }
}
