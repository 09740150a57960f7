package io.ncwatch.cli;

import io.ncwatch.generate.EventKind;
import io.ncwatch.generate.FleetGenerator;
import io.ncwatch.generate.FleetOptions;
import io.ncwatch.generate.GenerationResult;
import io.ncwatch.generate.JsonLinesSink;
import io.ncwatch.generate.KafkaEventSink;
import io.ncwatch.generate.Scenario;
import io.ncwatch.generate.TruthFile;
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
import java.util.List;
import java.util.Locale;

/** {@code ncwatch generate}: seeded container fleet traffic, with the ground truth of its alerts. */
public final class GenerateCommand implements Main.Command {
    static final String USAGE = """
            usage: ncwatch generate [options]

            Generates Elastic Defend for Containers process events and Elastic Defend network events of a
            container fleet, with attack scenarios, as JSON lines (stdout or --out) or to Kafka. The same
            options and seed give the same bytes.

              --seed N              seed of every random choice (default 1)
              --containers N        containers in the fleet (default 50)
              --events N            stop after N events (default 4000 unless --duration is given)
              --duration D          stop at D of event time: 90s, 10m, 2h, PT10M
              --rate R              events per second of event time (default 0.4 per container)
              --start T             event time of the first event: ISO-8601 or "now" (default 2026-11-28T06:00:00Z)
              --attack-rate X       share of events that belong to attacks: 0.001 or 1/1000 (default 0: none)
              --scenario NAME       play NAME once (repeatable, or comma-separated); with --attack-rate,
                                    draw the attacks from these. Names: %s
              --network on|off      generate network events (default on)
              --out FILE            write JSON lines to FILE (default stdout)
              --kafka HOST:PORT     send to Kafka instead, creating missing topics (broker defaults)
              --process-topic T     default ncwatch.process-events
              --network-topic T     default ncwatch.network-events
              --truth FILE          write the alerts the job must raise as JSON lines
            """.formatted(Scenario.names());

    @Override
    public String summary() {
        return "seeded fleet traffic with attack scenarios, and its ground truth";
    }

    @Override
    public int run(String[] args) throws Exception {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ncwatch generate: " + e.getMessage());
            System.err.println("try: ncwatch generate --help");
            return 2;
        }
        if (settings == null) {
            System.out.print(USAGE);
            return 0;
        }
        long started = System.nanoTime();
        GenerationResult result;
        try {
            result = generate(settings);
        } catch (IllegalArgumentException e) {
            System.err.println("ncwatch generate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            if (settings.out == null && String.valueOf(e.getMessage()).contains("Broken pipe")) {
                return 0;
            }
            throw e;
        }
        if (settings.truth != null) {
            TruthFile.write(result.truth(), settings.truth);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(Locale.ROOT,
                "ncwatch generate: %d events (%d process, %d network; %d malicious, %d late) in %.1f s, %.0f events/s;"
                        + " %d expected alerts%s%n",
                result.events(), result.processEvents(), result.networkEvents(), result.maliciousEvents(),
                result.lateEvents(), seconds, result.events() / seconds, result.truth().size(),
                settings.truth == null ? "" : " in " + settings.truth);
        return 0;
    }

    private static GenerationResult generate(Settings s) throws Exception {
        FleetGenerator generator = new FleetGenerator(s.options.build());
        if (s.kafka != null) {
            try (KafkaEventSink sink = new KafkaEventSink(s.kafka, s.processTopic, s.networkTopic)) {
                return generator.generate(sink);
            }
        }
        OutputStream out = s.out == null ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(s.out);
        try (JsonLinesSink sink = new JsonLinesSink(out)) {
            return generator.generate(sink);
        }
    }

    /** The parsed command line. */
    private static final class Settings {
        final FleetOptions.Builder options = FleetOptions.builder();
        Path out;
        Path truth;
        String kafka;
        String processTopic = EventKind.PROCESS.defaultTopic();
        String networkTopic = EventKind.NETWORK.defaultTopic();
    }

    /** Returns null when help was asked for. */
    static Settings parse(String[] args) {
        Settings s = new Settings();
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg.startsWith("--")
                        ? arg + " needs a value"
                        : "unexpected argument '" + arg + "'");
            }
            switch (name) {
                case "--seed" -> s.options.seed(parseLong(name, value));
                case "--containers" -> s.options.containers((int) parseLong(name, value));
                case "--events" -> s.options.events(parseLong(name, value));
                case "--duration" -> s.options.duration(parseDuration(value));
                case "--rate" -> s.options.rate(parseDouble(name, value));
                case "--start" -> s.options.start(parseInstant(value));
                case "--attack-rate" -> s.options.attackRate(parseRate(value));
                case "--scenario" -> {
                    for (String scenario : value.split(",")) {
                        scenarios.add(Scenario.fromCliName(scenario.trim()));
                    }
                }
                case "--network" -> s.options.network(parseOnOff(name, value));
                case "--out" -> s.out = value.equals("-") ? null : Path.of(value);
                case "--truth" -> s.truth = Path.of(value);
                case "--kafka" -> s.kafka = value;
                case "--process-topic" -> s.processTopic = value;
                case "--network-topic" -> s.networkTopic = value;
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        if (s.kafka != null && s.out != null) {
            throw new IllegalArgumentException("give --out or --kafka, not both");
        }
        s.options.scenarios(scenarios);
        return s;
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
        }
    }

    private static double parseDouble(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got '" + value + "'");
        }
    }

    /** {@code 0.001} or {@code 1/1000}. */
    private static double parseRate(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return parseDouble("--attack-rate", value);
        }
        double denominator = parseDouble("--attack-rate", value.substring(slash + 1));
        return parseDouble("--attack-rate", value.substring(0, slash)) / denominator;
    }

    private static boolean parseOnOff(String option, String value) {
        return switch (value) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException(option + " takes on or off, got '" + value + "'");
        };
    }

    private static Instant parseInstant(String value) {
        if (value.equals("now")) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start takes an ISO-8601 instant such as 2026-11-28T06:00:00Z, or now;"
                    + " got '" + value + "'");
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
