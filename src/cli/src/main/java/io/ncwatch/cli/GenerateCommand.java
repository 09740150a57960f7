package io.ncwatch.cli;

import io.ncwatch.generate.EventKind;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.JsonLinesSink;
import io.ncwatch.generate.KafkaEventSink;
import io.ncwatch.generate.Scenario;
import io.ncwatch.generate.TruthFile;
import io.ncwatch.job.CommandLineStyle;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code ncwatch generate}: seeded container fleet traffic, with the ground truth of its alerts. */
@Command(name = "generate", synopsisHeading = "usage: ", descriptionHeading = "%n",
        customSynopsis = "ncwatch generate [options]",
        description = {"seeded fleet traffic with attack scenarios, and its ground truth",
            "Generates Elastic Defend for Containers process events and Elastic Defend network events "
                    + "of a container fleet, with attack scenarios, as JSON lines (stdout or --out) or to Kafka. "
                    + "The same options and seed give the same bytes."},
        optionListHeading = "%noptions:%n")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    CommandLineStyle.Help help;

    @Mixin
    KafkaSecurityOptions security;

    @Spec
    CommandSpec spec;

    private final FleetOptions.Builder options = FleetOptions.builder();
    private final List<Scenario> scenarios = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "write JSON lines to FILE (default stdout)")
    String out;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "send to Kafka instead, creating missing topics (broker defaults)")
    String kafka;

    @Option(names = "--process-topic", paramLabel = "T",
            description = "process and file events; default ${DEFAULT-VALUE}")
    String processTopic = EventKind.PROCESS.defaultTopic();

    @Option(names = "--network-topic", paramLabel = "T", description = "default ${DEFAULT-VALUE}")
    String networkTopic = EventKind.NETWORK.defaultTopic();

    @Option(names = "--audit-topic", paramLabel = "T",
            description = "Kubernetes audit events (token scenarios only; created only for them); default ${DEFAULT-VALUE}")
    String auditTopic = EventKind.AUDIT.defaultTopic();

    @Option(names = "--truth", paramLabel = "FILE", description = "write the alerts the job must raise as JSON lines")
    Path truth;

    @Option(names = "--seed", paramLabel = "N", converter = WholeNumber.class,
            description = "seed of every random choice (default 1)")
    void seed(long seed) {
        options.seed(seed);
    }

    @Option(names = "--containers", paramLabel = "N", converter = WholeNumber.class,
            description = "containers in the fleet (default " + FleetOptions.DEFAULT_CONTAINERS + ")")
    void containers(long containers) {
        options.containers((int) containers);
    }

    @Option(names = "--events", paramLabel = "N", converter = WholeNumber.class,
            description = "stop after N events (default " + FleetOptions.DEFAULT_EVENTS + " unless --duration is given)")
    void events(long events) {
        options.events(events);
    }

    @Option(names = "--duration", paramLabel = "D", converter = EventTimeSpan.class,
            description = "stop at D of event time: 90s, 10m, 2h, PT10M")
    void duration(Duration duration) {
        options.duration(duration);
    }

    @Option(names = "--rate", paramLabel = "R",
            description = "events per second of event time (default " + FleetOptions.DEFAULT_RATE_PER_CONTAINER + " per container)")
    void rate(double rate) {
        options.rate(rate);
    }

    @Option(names = "--start", paramLabel = "T", converter = StartTime.class,
            description = "event time of the first event: ISO-8601 or \"now\" (default 2026-11-28T06:00:00Z)")
    void start(Instant start) {
        options.start(start);
    }

    @Option(names = "--attack-rate", paramLabel = "X", converter = Rate.class,
            description = "share of events that belong to attacks: 0.001 or 1/1000 (default 0: none)")
    void attackRate(double attackRate) {
        options.attackRate(attackRate);
    }

    @Option(names = "--scenario", paramLabel = "NAME", split = ",", converter = ScenarioName.class,
            completionCandidates = ScenarioName.class,
            description = "play NAME once (repeatable, or comma-separated); with --attack-rate, draw the attacks"
                    + " from these. Names: ${COMPLETION-CANDIDATES}")
    void scenario(List<Scenario> named) {
        scenarios.addAll(named);
    }

    @Option(names = "--network", paramLabel = "on|off", arity = "1", converter = OnOff.class,
            description = "generate network events (default on)")
    void network(boolean network) {
        options.network(network);
    }

    @Override
    public Integer call() throws Exception {
        if (kafka != null && out != null && !out.equals("-")) {
            throw new ParameterException(spec.commandLine(), "give --out or --kafka, not both");
        }
        options.scenarios(scenarios);
        long started = System.nanoTime();
        GenerationResult result;
        try {
            result = generate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            if (toStdout() && String.valueOf(e.getMessage()).contains("Broken pipe")) {
                return 0;
            }
            throw e;
        }
        if (truth != null) {
            TruthFile.write(result.truth(), result.sequences(), truth);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(Locale.ROOT,
                "ncwatch generate: %d events (%d process, %d network, %d file, %d audit; %d malicious, %d late)"
                        + " in %.1f s, %.0f events/s; %d expected alerts, %d expected sequences%s%n",
                result.events(), result.processEvents(), result.networkEvents(), result.fileEvents(),
                result.auditEvents(), result.maliciousEvents(), result.lateEvents(), seconds,
                result.events() / seconds, result.truth().size(), result.sequences().size(),
                truth == null ? "" : " in " + truth);
        return 0;
    }

    private boolean toStdout() {
        return out == null || out.equals("-");
    }

    private GenerationResult generate() throws Exception {
        FleetGenerator generator = new FleetGenerator(options.build());
        if (kafka != null) {
            boolean audit = scenarios.stream().anyMatch(Scenario::writesAuditEvents);
            try (KafkaEventSink sink = new KafkaEventSink(security.clientProperties(kafka), processTopic, networkTopic,
                    audit ? auditTopic : null)) {
                return generator.generate(sink);
            }
        }
        OutputStream stream = toStdout() ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(Path.of(out));
        try (JsonLinesSink sink = new JsonLinesSink(stream)) {
            return generator.generate(sink);
        }
    }

    /** {@code 4000}, {@code 4_000} or {@code 4,000}. */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("not a whole number: '" + value + "'");
            }
        }
    }

    /** {@code 0.001} or {@code 1/1000}. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                int slash = value.indexOf('/');
                return slash < 0 ? Double.parseDouble(value)
                        : Double.parseDouble(value.substring(0, slash)) / Double.parseDouble(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("not a share such as 0.001 or 1/1000: '" + value + "'");
            }
        }
    }

    /** A scenario by the name the command line knows it by; those names are the candidates the help lists. */
    static final class ScenarioName implements ITypeConverter<Scenario>, Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Scenario.values()).map(Scenario::cliName).iterator();
        }

        @Override
        public Scenario convert(String value) {
            try {
                return Scenario.fromCliName(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OnOff implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new TypeConversionException("on or off, not '" + value + "'");
            };
        }
    }

    static final class StartTime implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            if (value.equals("now")) {
                return Instant.now();
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("an ISO-8601 instant such as 2026-11-28T06:00:00Z, or now;"
                        + " got '" + value + "'");
            }
        }
    }

    static final class EventTimeSpan implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, or ISO-8601 such as {@code PT10M}. */
    static Duration parseDuration(String value) {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value);
            }
            String unit = value.replaceAll("^[0-9.]+", "");
            double amount = Double.parseDouble(value.substring(0, value.length() - unit.length()));
            long millis = switch (unit) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> throw new IllegalArgumentException("unknown unit");
            };
            return Duration.ofMillis(Math.round(amount * millis));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--duration takes a time such as 90s, 10m, 2h or PT10M, got '" + value + "'");
        }
    }
}
