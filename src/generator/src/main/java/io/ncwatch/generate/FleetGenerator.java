package io.ncwatch.generate;

import io.ncwatch.record.Stage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the traffic of a container fleet: Defend for Containers process events and Elastic Defend
 * network events, with ordinary workloads and attack scenarios (which add Defend for Containers file
 * events and Kubernetes audit events), and the ground truth of the alerts the job must raise. Deterministic: the same options give the same bytes.
 *
 * <p>Episodes (a probe, a cron run, an attack) are planned on an event-time timeline; events leave it in
 * time order, then reach the sink in delivery order, which differs for shuffled and late events.
 */
public final class FleetGenerator {
    /** How far the {@code out-of-order} scenario shuffles its events: a job's watermark bound must be at least this. */
    public static final Duration SHUFFLE_BOUND = Duration.ofSeconds(3);
    /** How late the {@code late} scenario delivers its events: far behind any sensible watermark bound. */
    public static final Duration LATENESS = Duration.ofMinutes(2);
    /** The share of containers that start during the run rather than before it. */
    private static final double STARTING_SHARE = 0.1;

    private static final Comparator<PlannedEvent> BY_DELIVERY = (a, b) -> a.delivery() != b.delivery()
            ? Long.compare(a.delivery(), b.delivery())
            : Long.compare(a.seq, b.seq);

    private final FleetOptions options;

    public FleetGenerator(FleetOptions options) {
        this.options = options;
    }

    /** Generates the whole run into {@code sink}; returns the counts and the ground truth. */
    public GenerationResult generate(EventSink sink) throws IOException {
        return new Run(sink).run();
    }

    /** Scenarios played once at fixed points of the run (when no attack rate is given). */
    private record Scripted(long time, Scenario scenario) {}

    /** The state of one generation. */
    private final class Run {
        private final EventSink sink;
        private final long start = options.start().toEpochMilli();
        private final long plannedEnd = start + options.plannedDuration().toMillis();
        private final long end = options.duration() == null ? Long.MAX_VALUE : start + options.duration().toMillis();
        private final EventJson json = new EventJson();
        private final Planner planner;
        private final Fleet fleet;
        private final Workloads workloads = new Workloads(options.network());
        private final SplittableRandom deliveryRandom;
        private final Timeline timeline = new Timeline();
        private final PriorityQueue<PlannedEvent> deliveries = new PriorityQueue<>(BY_DELIVERY);
        private final List<Scripted> scripted = new ArrayList<>();
        private final Set<FleetContainer> attacked = new HashSet<>();
        private final List<PlannedEvent> truthCandidates = new ArrayList<>();
        private final List<PlannedSequence> sequences = new ArrayList<>();
        private final double backgroundRate = options.rate() * (1 - options.attackRate()) / 1000;
        private final double attackRate = options.rate() * options.attackRate() / 1000;
        private double nextBackground;
        private double nextAttack;
        private int nextScripted;
        private long events;
        private long processEvents;
        private long networkEvents;
        private long fileEvents;
        private long maliciousEvents;
        private long lateEvents;

        Run(EventSink sink) {
            this.sink = sink;
            Ids ids = new Ids(options.seed());
            this.fleet = new Fleet(options.containers(), start, (plannedEnd - start) / 5, STARTING_SHARE, ids,
                    new SplittableRandom(options.seed()), json);
            this.planner = new Planner(ids, new SplittableRandom(Ids.mix(options.seed() + 1)));
            this.deliveryRandom = new SplittableRandom(Ids.mix(options.seed() + 2));
            this.nextBackground = start;
            this.nextAttack = attackRate > 0 ? start + exponential(1 / attackRate) : Double.MAX_VALUE;
            for (FleetContainer c : fleet.containers) {
                if (c.startsDuringRun) {
                    Episode e = new Episode(planner, c, c.createdAt, options.network(), false);
                    Workloads.containerStart(e);
                    timeline.add(e.events());
                }
            }
            if (attackRate == 0) {
                scheduleScenarios();
            }
        }

        GenerationResult run() throws IOException {
            while (true) {
                double nextPlan = Math.min(Math.min(nextBackground, nextAttack), scriptedTime());
                PlannedEvent head = timeline.peek();
                if (head == null || nextPlan <= head.timestamp) {
                    plan(nextPlan);
                    continue;
                }
                deliveries.add(timeline.poll());
                PlannedEvent next = timeline.peek();
                double horizon = next == null ? nextPlan : Math.min(nextPlan, next.timestamp);
                while (!deliveries.isEmpty() && deliveries.peek().delivery() < horizon) {
                    PlannedEvent e = deliveries.poll();
                    if (e.delivery() >= end || (options.events() > 0 && events == options.events())) {
                        return result();
                    }
                    deliver(e);
                }
            }
        }

        private void plan(double time) {
            long at = (long) Math.ceil(time);
            if (time == scriptedTime()) {
                Scripted s = scripted.get(nextScripted++);
                attack(s.scenario(), at);
            } else if (time == nextAttack) {
                List<Scenario> mix = options.scenarios().isEmpty() ? Scenario.netcatScenarios() : options.scenarios();
                int planned = attack(mix.get(planner.random.nextInt(mix.size())), at);
                nextAttack += exponential(planned / attackRate);
            } else {
                Episode e = new Episode(planner, fleet.pick(planner.random, at), at, options.network(), false);
                workloads.plan(e);
                timeline.add(e.events());
                nextBackground += exponential(Math.max(1, e.events().size()) / backgroundRate);
            }
        }

        /** Plans an attack; returns how many of its events fall within the planned run. */
        private int attack(Scenario scenario, long at) {
            FleetContainer container = fleet.pick(planner.random, at);
            for (int tries = 0; tries < 8 && attacked.contains(container); tries++) {
                container = fleet.pick(planner.random, at);
            }
            attacked.add(container);
            boolean network = options.network() && scenario != Scenario.LISTENER_SHELL_NO_NETWORK;
            Episode e = new Episode(planner, container, at, network, true);
            if (scenario.netcat()) {
                Attacks.plan(scenario, e);
            } else {
                SequenceAttacks.plan(scenario, e);
            }
            timeline.add(e.events());
            sequences.addAll(e.sequences());
            int inRun = 0;
            for (PlannedEvent event : e.events()) {
                inRun += event.timestamp < plannedEnd ? 1 : 0;
            }
            return Math.max(1, inRun);
        }

        /** Places each requested scenario once, those needing the longest run first. */
        private void scheduleScenarios() {
            List<Scenario> ordered = new ArrayList<>(options.scenarios());
            ordered.sort(Comparator.comparingLong(Attacks::neededMillis).reversed());
            long span = plannedEnd - start;
            for (int i = 0; i < ordered.size(); i++) {
                Scenario s = ordered.get(i);
                long at = start + span / 10 + span / 2 * i / ordered.size();
                if (at + Attacks.neededMillis(s) > plannedEnd) {
                    throw new IllegalArgumentException(String.format(
                            "scenario %s needs %d s of event time after it starts at +%d s, but the run covers %d s:"
                                    + " raise --events or --duration, or lower --rate",
                            s.cliName(), Attacks.neededMillis(s) / 1000, (at - start) / 1000, span / 1000));
                }
                scripted.add(new Scripted(at, s));
            }
        }

        private double scriptedTime() {
            return nextScripted < scripted.size() ? scripted.get(nextScripted).time() : Double.MAX_VALUE;
        }

        private void deliver(PlannedEvent e) throws IOException {
            long ingested = e.delivery() + 150 + deliveryRandom.nextInt(1_200);
            byte[] bytes;
            if (e instanceof ProcessEvent p) {
                bytes = json.process(p, ingested);
                processEvents++;
                p.raisesRule = ListenerRule.matches(p.action, p.process.command);
                if (p.raisesRule) {
                    truthCandidates.add(p);
                }
            } else if (e instanceof NetworkEvent n) {
                bytes = json.network(n, ingested);
                networkEvents++;
            } else if (e instanceof FileEvent f) {
                bytes = json.file(f, ingested);
                fileEvents++;
            } else {
                bytes = json.audit((AuditEvent) e, ingested);
            }
            if (e.stage != null) {
                truthCandidates.add(e);
            }
            e.delivered = true;
            events++;
            maliciousEvents += e.malicious ? 1 : 0;
            lateEvents += e.late ? 1 : 0;
            sink.accept(e.kind(), e instanceof AuditEvent a ? a.podName : e.container.id, bytes);
        }

        private GenerationResult result() {
            List<ExpectedAlert> truth = new ArrayList<>();
            for (PlannedEvent e : truthCandidates) {
                if (e.stage == null) {
                    ProcessEvent p = (ProcessEvent) e;
                    truth.add(new ExpectedAlert(ExpectedAlert.SEED_RULE_ID, Stage.RULE, e.container.id,
                            e.eventId, e.eventId, p.process.command.listenPort(), null));
                } else if (e.listener.delivered && e.listener.raisesRule && !e.late) {
                    ExpectedAlert.Peer peer = e instanceof NetworkEvent n ? new ExpectedAlert.Peer(n.sourceIp, n.sourcePort) : null;
                    truth.add(new ExpectedAlert(ExpectedAlert.SEED_RULE_ID, e.stage, e.container.id, e.eventId,
                            e.listener.eventId, e.listener.process.command.listenPort(), peer));
                }
            }
            List<ExpectedSequence> sequenceTruth = sequences.stream()
                    .filter(PlannedSequence::delivered)
                    .sorted(Comparator.comparing(PlannedSequence::last, BY_DELIVERY))
                    .map(PlannedSequence::expected)
                    .toList();
            return new GenerationResult(events, processEvents, networkEvents, fileEvents,
                    events - processEvents - networkEvents - fileEvents, maliciousEvents, lateEvents,
                    List.copyOf(truth), sequenceTruth);
        }

        /** An exponentially distributed wait with the given mean, in milliseconds. */
        private double exponential(double mean) {
            return -Math.log(1 - planner.random.nextDouble()) * mean;
        }
    }
}
