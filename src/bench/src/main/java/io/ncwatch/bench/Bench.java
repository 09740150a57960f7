package io.ncwatch.bench;

import io.ncwatch.rules.Rule;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/ncwatch bench [--quick] [--rules DIR] [--out FILE]}: the benchmark suite of issue 6, written
 * as Markdown to {@code docs/benchmarks.md}. Starts its own Kafka and Elasticsearch with {@code bin/stack}
 * (free ports, fresh data under {@code target/it-stack}, stopped at exit).
 */
public final class Bench {
    static final String USAGE = """
            usage: ncwatch bench [--quick] [--events N] [--rules DIR] [--out FILE] [--no-jmh]
              --quick      small inputs and short runs: checks the harness, the figures mean little
              --events N   events of each throughput run (default 1,000,000; --quick 60,000)
              --rules DIR  a folder of Elastic rules (TOML or Kibana NDJSON): the "all rules" row (single-event and sequence)
              --out FILE   where the Markdown goes (default docs/benchmarks.md)
              --no-jmh     leave out the JMH benchmark of the seed rule
            """;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ncwatch bench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        Files.createDirectories(BenchJob.WORK);
        Suite suite = new Suite(options);
        String markdown = suite.run();
        Path out = options.out();
        Files.writeString(out, markdown + Report.keptAnalysis(out));
        System.err.println("ncwatch bench: wrote " + out);
        System.exit(0);
    }

    /** The suite: what runs in which order, and the report it fills. */
    static final class Suite {
        private final BenchOptions options;
        private final Report report;

        Suite(BenchOptions options) {
            this.options = options;
            this.report = new Report(options);
        }

        String run() throws Exception {
            report.started(Instant.now().truncatedTo(ChronoUnit.SECONDS), Machine.describe(), Machine.loadAverage());
            log("starting Elasticsearch and Kafka (bin/stack)");
            String elasticsearch = ElasticsearchServer.shared().url();
            KafkaServer.shared();

            int containers = 10_000;
            log("generating " + options.events() + " events of " + containers + " containers");
            Traffic traffic = Traffic.generate(containers, options.events(), BenchJob.PARALLELISM);
            report.traffic(traffic);
            log("Jackson baseline");
            double jackson = JacksonBaseline.eventsPerCoreSecond(traffic);
            report.jackson(jackson);

            List<Rule> seed = BenchRules.seed();
            log("warming up (the JIT compiles the job's code; not measured)");
            Throughput warmUp = new Throughput(Traffic.generate(containers, options.events() / 4, BenchJob.PARALLELISM),
                    elasticsearch);
            warmUp.memory(seed, false);
            warmUp.naive(seed);
            warmUp.sql();
            Throughput throughput = new Throughput(traffic, elasticsearch);
            Meter.Result toElasticsearch = throughput.memory(seed, true);
            report.row("ncwatch, in memory -> Elasticsearch", toElasticsearch, traffic.expectedAlerts());
            Meter.Result discarding = throughput.memory(seed, false);
            report.row("ncwatch, in memory -> discarding sink", discarding, traffic.expectedAlerts());
            Meter.Result rocksdb = throughput.memory(seed, false, "rocksdb");
            report.row("ncwatch, in memory, RocksDB state -> discarding sink", rocksdb, traffic.expectedAlerts());
            report.row("ncwatch, JSON-lines file (parallel byte ranges) -> discarding sink", throughput.file(seed),
                    traffic.expectedAlerts());
            report.ncwatch(discarding, toElasticsearch, rocksdb);
            report.peers(throughput.sql(), throughput.naive(seed), discarding);
            log("profiling a repeat of the discarding-sink row (not measured: recording slows it)");
            report.profile(Profiler.record("e2e-discarding", () -> throughput.memory(seed, false)));
            report.row("ncwatch, Kafka (local stack) -> Elasticsearch", throughput.kafka(seed), traffic.expectedAlerts());

            report.rules(1, seed.size(), discarding);
            List<Rule> seventeen = BenchRules.seventeen();
            report.rules(17, seventeen.size(), throughput.memory(seventeen, false));
            if (options.rules() == null) {
                report.rulesAbsent("no --rules DIR given");
            } else if (!Files.isDirectory(options.rules())) {
                report.rulesAbsent(options.rules() + " is not a folder");
            } else {
                List<Rule> all = BenchRules.all(options.rules());
                report.rules(all.size(), all.size(), throughput.memory(all, false));
            }

            log("state size");
            report.state(StateSize.measure(traffic, seed, options.stateEvents()));

            log("latency at " + options.latencyRate() + " events/s");
            report.latency(LatencyRun.run(traffic, seed, elasticsearch, options.latencyRate(), options.latencyEvents()),
                    LatencyRun.unmatched());

            report.containers(containers, discarding, traffic.expectedAlerts());
            for (int fleet : List.of(1_000, 100_000)) {
                log("generating " + options.events() + " events of " + fleet + " containers");
                Traffic other = Traffic.generate(fleet, options.events(), BenchJob.PARALLELISM);
                report.containers(fleet, new Throughput(other, elasticsearch).memory(seed, false), other.expectedAlerts());
            }
            if (options.jmh()) {
                log("JMH: the seed rule on one core");
                report.jmh(SeedRuleJmh.run(options.quick()));
            }
            report.finished(Machine.loadAverage());
            return report.markdown();
        }
    }

    static void log(String message) {
        System.err.printf(Locale.ROOT, "ncwatch bench: %s (load %.1f)%n", message, Machine.loadAverage());
    }

    /** Command-line options of {@code bench}. */
    record BenchOptions(boolean quick, long events, Path rules, Path out, boolean jmh, List<String> args) {
        static BenchOptions parse(String[] args) {
            boolean quick = false;
            long events = 0;
            boolean jmh = true;
            Path rules = null;
            Path out = Path.of("docs", "benchmarks.md");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--no-jmh" -> jmh = false;
                    case "--events" -> events = events(value(args, ++i, "--events"));
                    case "--rules" -> rules = Path.of(value(args, ++i, "--rules"));
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "-h", "--help" -> {
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            return new BenchOptions(quick, events > 0 ? events : quick ? 60_000 : 1_000_000, rules, out, jmh,
                    List.of(args));
        }

        private static long events(String value) {
            try {
                long events = Long.parseLong(value.replace("_", "").replace(",", ""));
                if (events >= 10_000) {
                    return events;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--events takes a whole number of at least 10000, got '" + value + "'");
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        long stateEvents() {
            return Math.min(events, 300_000);
        }

        int latencyRate() {
            return 20_000;
        }

        long latencyEvents() {
            return events;
        }

        String command() {
            List<String> words = new ArrayList<>(List.of("bin/ncwatch", "bench"));
            words.addAll(args);
            return String.join(" ", words);
        }
    }
}
