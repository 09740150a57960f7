package io.ncwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The Markdown that {@code bench} writes: the targets, then each table, then how each figure was measured. */
final class Report {
    /** Text below this line in the existing file is the hand-written analysis: a run keeps it. */
    static final String ANALYSIS_MARKER = "<!-- Hand-written analysis below: bin/ncwatch bench keeps it. -->";

    private final Bench.BenchOptions options;
    private final List<String> targets = new ArrayList<>();
    private final List<String> throughputRows = new ArrayList<>();
    private final List<String> containerRows = new ArrayList<>();
    private final List<String> ruleRows = new ArrayList<>();
    private String header;
    private String trafficLine;
    private double jackson;
    private double oneRule;
    private String latency = "";
    private String state = "";
    private String profile = "";
    private String jmh = "";
    private double loadAtStart;
    private String peerLine = "";

    Report(Bench.BenchOptions options) {
        this.options = options;
    }

    void started(Instant at, String machine, double load) {
        loadAtStart = load;
        header = String.format(Locale.ROOT, """
                # Benchmarks

                Made by `%s` on %s%s.

                Machine: %s. Load average (1 min) when the run started: %s.""",
                options.command(), at, options.quick() ? " (**--quick**: small inputs, the figures only show that the harness works)" : "",
                machine, fmt1(load));
    }

    void finished(double load) {
        header += " When it ended: " + fmt1(load) + ". Each row gives the mean load during its own window.";
    }

    void traffic(Traffic traffic) {
        trafficLine = String.format(Locale.ROOT,
                "Traffic: `FleetGenerator` (seed 42), %s containers, %,d events (%,d process, %,d network), %.0f bytes"
                        + " per event on average, %,d malicious (1 in %,.0f), %,d alerts expected by its ground truth;"
                        + " generated before the runs and held in memory in 2 partitions by `container.id`.",
                String.format(Locale.ROOT, "%,d", traffic.containers()), traffic.events(), traffic.processEvents(),
                traffic.networkEvents(), traffic.averageBytes(), traffic.maliciousEvents(),
                (double) traffic.events() / Math.max(1, traffic.maliciousEvents()), traffic.expectedAlerts());
    }

    void jackson(double eventsPerCoreSecond) {
        jackson = eventsPerCoreSecond;
        throughputRows.add(String.format(Locale.ROOT, "| Jackson tokenizing the same bytes, one thread (baseline) | | | %s | 1.00 | | |",
                fmt0(jackson)));
    }

    void row(String label, Meter.Result result, long expectedAlerts) {
        throughputRows.add(throughputRow(label, result, expectedAlerts));
    }

    /** The ncwatch rows the targets compare: discarding sink, Elasticsearch sink, RocksDB state. */
    void ncwatch(Meter.Result discarding, Meter.Result elasticsearch, Meter.Result rocksdb) {
        double perJackson = discarding.eventsPerCoreSecond() / jackson;
        targets.add(target("End to end (context, rules, CEP), discarding sink, per core vs Jackson tokenizing per core",
                ">= 1.0x", ratio(perJackson), perJackson >= 1.0));
        double sink = elasticsearch.eventsPerCoreSecond() / discarding.eventsPerCoreSecond();
        targets.add(target("Elasticsearch sink vs discarding sink, per core", ">= 0.8x", ratio(sink), sink >= 0.8));
        double rocks = rocksdb.eventsPerCoreSecond() / discarding.eventsPerCoreSecond();
        targets.add(target("RocksDB vs heap state, discarding sink, per core", ">= 0.5x", ratio(rocks), rocks >= 0.5));
    }

    /** The peers a user would write instead, each against ncwatch with the discarding sink. */
    void peers(Meter.Result sql, Meter.Result naive, Meter.Result ours) {
        throughputRows.add(throughputRow("peer: Flink SQL, `filesystem` + `json`, the rule in `WHERE` with a wildcard UDF,"
                + " `MATCH_RECOGNIZE` listener -> connection -> discarding sink", sql, -1));
        throughputRows.add(throughputRow("peer: Jackson `readTree` + the same rule, no context/CEP -> discarding sink", naive,
                -1));
        double overSql = ours.eventsPerCoreSecond() / sql.eventsPerCoreSecond();
        double overNaive = ours.eventsPerCoreSecond() / naive.eventsPerCoreSecond();
        peerLine = String.format(Locale.ROOT, "ncwatch (discarding sink) per core / Flink SQL peer: **%.2fx**;"
                + " / `readTree` peer: **%.2fx**.", overSql, overNaive);
        targets.add(target("ncwatch vs the Flink SQL job a user would write (discarding sinks), per core", ">= 3x",
                ratio(overSql), overSql >= 3));
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    private String throughputRow(String label, Meter.Result r, long expectedAlerts) {
        String alerts = expectedAlerts < 0 ? String.format(Locale.ROOT, "%,d", r.alerts())
                : String.format(Locale.ROOT, "%,d of %,d", r.alerts(), expectedAlerts);
        return String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.2f | %s | %s |", label, r.events(),
                fmt0(r.eventsPerSecond()), fmt0(r.eventsPerCoreSecond()), r.eventsPerCoreSecond() / jackson, alerts,
                fmt1(r.load()));
    }

    void rules(int label, int loaded, Meter.Result result) {
        if (label == 1) {
            oneRule = result.eventsPerCoreSecond();
        }
        String name = label == 1 ? "1 (the seed rule)" : label == 17 ? "17 (seed + 16 benchmark rules)"
                : loaded + " (seed + every single-event and sequence rule of `" + options.rules() + "`)";
        ruleRows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s |", name, fmt0(result.eventsPerSecond()),
                fmt0(result.eventsPerCoreSecond()), result.eventsPerCoreSecond() / oneRule, fmt1(result.load())));
        if (label != 1 && label != 17) {
            double ratio = result.eventsPerCoreSecond() / oneRule;
            targets.add(target("All corpus rules, single-event and sequence (" + loaded + ") vs one rule, per core", ">= 0.7x",
                    ratio(ratio), ratio >= 0.7));
        }
    }

    void rulesAbsent(String why) {
        ruleRows.add("| all single-event and sequence rules of a folder | not measured: " + why
                + " (`bench --rules DIR`, e.g. a detection-rules checkout or a Kibana export) | | | |");
        targets.add("| All corpus rules, single-event and sequence, vs one rule, per core | >= 0.7x | not measured: " + why + " | - |");
    }

    void containers(int fleet, Meter.Result result, long expectedAlerts) {
        containerRows.add(String.format(Locale.ROOT, "| %,d | %s | %s | %.2f | %,d of %,d | %s |", fleet,
                fmt0(result.eventsPerSecond()), fmt0(result.eventsPerCoreSecond()), result.eventsPerCoreSecond() / jackson,
                result.alerts(), expectedAlerts, fmt1(result.load())));
    }

    void state(StateSize.Result result) {
        state = String.format(Locale.ROOT, """
                | events fed | snapshot bytes | containers holding state | tracked processes | bytes per container | bytes per tracked process |
                |---|---|---|---|---|---|
                | %,d | %,d | %,d | %,d | %.0f | %.0f |""",
                result.events(), result.bytes(), result.containers(), result.processes(), result.perContainer(),
                result.perProcess());
        targets.add(target("State per tracked process (context stage snapshot)", "<= 200 bytes",
                String.format(Locale.ROOT, "%.0f bytes", result.perProcess()), result.perProcess() <= 200));
    }

    void latency(LatencyRun.Result r, long unmatched) {
        latency = String.format(Locale.ROOT, """
                Produced %,d events at %s events/s (target rate %,d/s); the job had read the last one %.1f s after it was
                produced; mean load %s. Alerts whose source event could not be matched to its append time: %d.

                | alerts | count | p50 ms | p99 ms | max ms |
                |---|---|---|---|---|
                %s
                %s""",
                r.events(), fmt0(r.producedRate()), options.latencyRate(), r.consumedBehindSeconds(), fmt1(r.load()), unmatched,
                histogramRow("rule stage (the listener's own alert)", r.rule()),
                histogramRow("correlated stages (connection, shell: wait for the watermark)", r.correlated()));
        long p99 = r.rule().getTotalCount() == 0 ? Long.MAX_VALUE : r.rule().getValueAtPercentile(99);
        targets.add(target("p99 event in Kafka -> alert acknowledged by Elasticsearch at 20,000 events/s, checkpoints on",
                "<= 250 ms", r.rule().getTotalCount() == 0 ? "no alert measured" : p99 + " ms", p99 <= 250));
    }

    private static String histogramRow(String label, Histogram h) {
        if (h.getTotalCount() == 0) {
            return "| " + label + " | 0 | | | |";
        }
        return String.format(Locale.ROOT, "| %s | %,d | %d | %d | %d |", label, h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
    }

    void profile(Profiler.Profile p) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "JFR (`profile` settings) during a repeat of the row \"in memory -> discarding sink\", not measured:"
                        + " %,d execution samples;"
                        + " recording `%s` (`jfr print --events jdk.ExecutionSample` for the stacks).%n%n",
                p.samples(), Path.of("").toAbsolutePath().relativize(p.recording())));
        text.append("| innermost ncwatch frame (or library) | share |\n|---|---|\n");
        p.stages().forEach(s -> text.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", s.frame(), s.percent())));
        text.append("\n| top of stack (self time) | share |\n|---|---|\n");
        p.self().forEach(s -> text.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", s.frame(), s.percent())));
        profile = text.toString();
    }

    void jmh(List<SeedRuleJmh.Score> scores) {
        StringBuilder text = new StringBuilder("| benchmark | events/s (one thread, wall clock) | ± |\n|---|---|---|\n");
        double raw = 0;
        double tokenizing = 0;
        for (SeedRuleJmh.Score s : scores) {
            text.append(String.format(Locale.ROOT, "| `%s` | %s | %s |%n", s.benchmark(), fmt0(s.eventsPerSecond()),
                    fmt0(s.error())));
            raw = s.benchmark().equals("fromRawBytes") ? s.eventsPerSecond() : raw;
            tokenizing = s.benchmark().equals("jacksonTokenizing") ? s.eventsPerSecond() : tokenizing;
        }
        if (tokenizing > 0) {
            text.append(String.format(Locale.ROOT, "%n`fromRawBytes` / `jacksonTokenizing` = %.2f (issue 2's target: >= 3).%n",
                    raw / tokenizing));
        }
        jmh = text.toString();
    }

    String markdown() {
        return String.join("\n", header, "", trafficLine, "",
                "## Targets", "",
                "| target | wanted | measured | |", "|---|---|---|---|", String.join("\n", targets), "",
                "## 1. Throughput end to end (MiniCluster, parallelism 2, checkpoints every 10 s)", "",
                "Source -> decode -> process context -> rules -> CEP correlation -> alerts -> sink, the job's own dataflow"
                        + " (`NcwatchJob.defineWorkflow`). *events/s* is wall clock over the run's window; *per core* is events"
                        + " per second of CPU time of the whole JVM (all task threads, network stack, GC, JIT), which is what"
                        + " one core would do and does not depend on what else the shared machine runs. The ratio compares"
                        + " per-core figures with Jackson tokenizing the same bytes on one thread.", "",
                "| row | events | events/s | events/s per core | / Jackson per core | alerts | load |",
                "|---|---|---|---|---|---|---|", String.join("\n", throughputRows), "", peerLine, "",
                "## 2. Latency: event in Kafka -> alert acknowledged by Elasticsearch", "", latency, "",
                "## 3. Scale curves (in memory -> discarding sink)", "",
                "### Containers in the fleet (same number of events)", "",
                "| containers | events/s | events/s per core | / Jackson per core | alerts | load |", "|---|---|---|---|---|---|",
                String.join("\n", containerRows), "",
                "### Single-event rules loaded", "",
                "| rules | events/s | events/s per core | / one rule | load |", "|---|---|---|---|---|", String.join("\n", ruleRows), "",
                "### State", "", state, "",
                "## Where the time goes", "", profile,
                "## The seed rule on one core (JMH, `SeedRuleBenchmark`)", "", jmh.isEmpty() ? "Not run (`--no-jmh`).\n" : jmh,
                METHODS, ANALYSIS_MARKER, "");
    }

    /** The hand-written analysis of the file being replaced, or nothing. */
    static String keptAnalysis(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String old = Files.readString(file);
        int at = old.indexOf(ANALYSIS_MARKER);
        return at < 0 ? "" : old.substring(at + ANALYSIS_MARKER.length()).stripLeading();
    }

    private static String target(String what, String wanted, String measured, boolean met) {
        return "| " + what + " | " + wanted + " | " + measured + " | " + (met ? "met" : "**missed**") + " |";
    }

    private static String fmt0(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String fmt1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static final String METHODS = """
            ## How each figure is measured

            - **Inputs.** All traffic comes from `io.ncwatch.generate.FleetGenerator` (seeded; process events of
              Defend for Containers, network events, one event in 1,000 belonging to an attack), generated before the
              runs and held in memory, split by `container.id` into 2 partitions as Kafka would hold it. The in-memory
              rows read it through a bounded FLIP-27 source (`MemorySource`, one split per partition), so the
              generator's cost is not measured. The Kafka row first produces the same events into a 2-partition
              topic of the local broker (`bin/stack`), then runs the job with a bounded `KafkaSource`.
            - **Job.** The job's own dataflow, `NcwatchJob.defineWorkflow`, in a MiniCluster in the benchmark's JVM:
              parallelism 2, exactly-once checkpoints every 10 s to files, heap state backend, no Kryo. Alerts go to
              the real Elasticsearch of `bin/stack` through the job's sink, or to a discarding sink; the Kafka alert
              output is off. The seed rule is the correlation's listener rule in every row.
            - **Window.** A sampler reads every 100 ms the events the sources have handed over (a counter chained to
              the source), the JVM's CPU time and the load average. A row's window runs from the last sample before
              the first event to the first sample that has seen the last one: job start-up and the final checkpoint of
              the bounded run are outside it; events still in network buffers at its end (a few thousand at most) are
              not.
            - **Alerts** counts what the run raised (in Elasticsearch, or at the discarding sink) against the
              generator's ground truth: a check that the run did the whole work.
            - **Flink SQL peer.** `SqlPeerJob`: the job a Flink user writes instead, over the same events as one
              JSON-lines file in generation order (written before the run): Flink's `filesystem` connector with the
              `json` format (ISO-8601 `@timestamp` as the rowtime, 5 s watermark delay), the seed rule as a `WHERE`
              clause with a user-defined wildcard function (`WildcardAny`, one regular expression per pattern list),
              and `MATCH_RECOGNIZE` per `container.id` linking a listener to the connection its process accepts
              within 10 minutes. No process table, no ancestry, no shell stage, no dead letters. Its events are
              counted by a non-deterministic function first in the `WHERE` clause of the rule's query.
            - **Peer baseline.** `NaiveJob`: per event `ObjectMapper.readTree`, then the same compiled rules over the
              tree (`JsonNodeFields`, nested or dotted paths), an alert as a copy of the event with the rule's name;
              same source, MiniCluster, parallelism and checkpoints; no context, no correlation.
            - **Latency.** A producer sends the traffic at 20,000 events/s (5 ms steps) into a topic with
              `message.timestamp.type=LogAppendTime`; its send callbacks report each record's append time by
              partition and offset. The job runs meanwhile (unbounded `KafkaSource`, checkpoints every 10 s,
              Elasticsearch sink). The sink calls an `AcknowledgementListener` for each alert when its bulk
              response arrives (`ElasticsearchSinkWriter`, on the HTTP client's thread), and the benchmark reads the
              alert's `ncwatch.source_event.partition/offset`: latency = response arrival - append time, same
              machine clock, into an HdrHistogram. Rule-stage alerts are raised as the event arrives; correlated
              alerts wait for the watermark (5 s out-of-orderness) by design, and are shown apart.
            - **State.** The traffic's first events are decoded by the job's `DecodeFunction` and fed to the job's
              per-container stage (`ContainerContext`, heap backend, in a test harness) with watermarks 5 s behind
              the newest event, then snapshotted as a checkpoint would. Snapshot bytes (minus an empty snapshot) are
              divided by the containers holding state and by the processes the tables hold then (replayed: a start
              adds a process, an end marks it, 30 s of event time after its end it goes). Pending candidates,
              listener windows and timers are in the bytes too, so both figures are upper bounds. CEP state exists
              only for containers with a listener.
            - **Profile.** JDK Flight Recorder during a repeat of the discarding-sink row, whose figures are not
              used: with the `profile` settings the recording itself slows the job by a factor of two to three (the
              JIT compiles for longer while it records), so no measured row runs under it.
            """;
}
