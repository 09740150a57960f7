package io.ncwatch.cli;

import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.analysis.FieldTypes;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.EqlSyntaxException;
import io.ncwatch.eql.parser.ast.Query;
import io.ncwatch.job.CommandLineStyle;
import io.ncwatch.rules.InvalidRuleException;
import io.ncwatch.rules.LoadedRules;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFileException;
import io.ncwatch.rules.RuleFiles;
import io.ncwatch.rules.RuleSet;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ncwatch hunt (--rule FILE|FOLDER | --query EQL) --events FILE|-}: runs EQL rules over a file of
 * ECS JSON lines, as a hunter replays history with the rules the job runs.
 *
 * <p>One query or rule that is a sequence, a sample or has pipes is answered over the whole input by
 * {@link CorrelationHunt}; event rules by {@link Hunt}. With several rules (an export or a folder), an
 * event is printed once when any rule matches it, and sequences, samples and piped queries among them
 * are listed and left out: their results are not events, so each is hunted alone.
 */
@Command(name = "hunt", synopsisHeading = "usage: ", descriptionHeading = "%n",
        customSynopsis = {"ncwatch hunt (--rule FILE|FOLDER | --query EQL) --events FILE|- [options]",
            "ncwatch hunt --es URL --index PATTERN --from TIME [--to TIME] (--rule FILE | --query EQL | --job DIR) [--alerts]"},
        description = {"print the events of an ECS JSON lines file that EQL rules match",
            "Prints every event that matches, unchanged, one JSON line each, in input order, on stdout;"
                    + " a summary (events read, matched, malformed lines) on stderr. A sequence or sample prints"
                    + " one JSON line per match, {\"join_keys\": [...], \"events\": [{\"_source\": ...}, ...]},"
                    + " in Elasticsearch's order."},
        optionListHeading = "%noptions:%n",
        footerHeading = "%n",
        footer = {"exit status: 0 ran (with or without matches), 1 stopped before the end: the events could",
            "             not be read, an event on which Elasticsearch refuses the query (a join key with",
            "             several values), or unordered events over --sort-memory; 2 usage, rule file or",
            "             EQL error"})
public final class HuntCommand implements Callable<Integer> {
    private static final int RAN = 0;
    private static final int STOPPED = 1;
    private static final int USAGE = CommandLineStyle.USAGE;
    private static final int NOTICES_LISTED = 20;

    @Mixin
    CommandLineStyle.Help help;

    @Spec
    CommandSpec spec;

    @Mixin
    ElasticsearchHuntOptions elasticsearch;

    @Option(names = "--rule", paramLabel = "FILE|FOLDER", description = {"a detection-rules .toml file, a Kibana rule"
            + " export (.ndjson), or a folder of them: an event is printed when any of the rules matches it"})
    String rule;

    @Option(names = "--query", paramLabel = "EQL", description = "an EQL query given on the command line")
    String query;

    @Option(names = "--events", paramLabel = "FILE|-", description = "ECS JSON, one event a line; - reads standard input")
    String events;

    @Option(names = "--decode-all", description = {"decode every line, so that every malformed line is reported;"
            + " by default a line whose raw bytes show it cannot match is not decoded"})
    boolean decodeAll;

    @Option(names = "--ignore-above", paramLabel = "N", description = {"strings longer than N characters never match"
            + " on fields the mapping does not list, as in Elasticsearch's ECS dynamic keyword mapping"
            + " (default ${DEFAULT-VALUE}; 0 switches every limit off, the mapping's too)"})
    int ignoreAbove = EqlOptions.ELASTICSEARCH.ignoreAbove();

    @Option(names = "--mapping", paramLabel = "FILE", description = {"an index mapping (the JSON of GET index/_mapping"
            + " or of an index template) whose field types decide comparisons: dates, IP addresses, versions, numbers;"
            + " by default the ECS types of the fields Elastic's container rules read"})
    Path mapping;

    @Option(names = "--tiebreaker", paramLabel = "FIELD", description = {"the field that orders events of equal"
            + " @timestamp in sequences and piped queries, as Elasticsearch's tiebreaker_field (then input order);"
            + " with --es, a keyword field unique to every document (default event.id)"})
    String tiebreaker;

    @Option(names = "--max-samples-per-key", paramLabel = "N", description = {"samples per join key of a sample"
            + " query, as Elasticsearch's max_samples_per_key (default ${DEFAULT-VALUE})"})
    int maxSamplesPerKey = 1;

    @Option(names = "--sort-memory", paramLabel = "MB", description = {"when a sequence or piped query meets events"
            + " out of @timestamp order, it sorts the events it reads in memory up to this size (default ${DEFAULT-VALUE})"})
    int sortMemory = 256;

    private final InputStream stdin;
    private final OutputStream out;
    private final PrintStream err;
    private final Duration progressEvery;

    public HuntCommand() {
        // Standard output as a plain stream: a PrintStream would hide that the reader went away (`| head`).
        this(System.in, new FileOutputStream(FileDescriptor.out), System.err, Duration.ofSeconds(5));
    }

    HuntCommand(InputStream stdin, OutputStream out, PrintStream err, Duration progressEvery) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.progressEvery = progressEvery;
    }

    @Override
    public Integer call() {
        if (elasticsearch.requested() && elasticsearch.job != null && rule == null && query == null) {
            return elasticsearch.hunt(spec, null, tiebreaker, err);
        }
        if ((rule == null) == (query == null)) {
            throw new ParameterException(spec.commandLine(), "give either --rule or --query");
        }
        if (events == null && !elasticsearch.requested()) {
            throw new ParameterException(spec.commandLine(), "--events is required (a file, or - for standard input)");
        }
        if (maxSamplesPerKey < 1) {
            throw new ParameterException(spec.commandLine(), "--max-samples-per-key needs a whole number >= 1, got " + maxSamplesPerKey);
        }
        if (sortMemory < 1) {
            throw new ParameterException(spec.commandLine(), "--sort-memory needs a whole number of MB >= 1, got " + sortMemory);
        }
        if (ignoreAbove < 0) {
            throw new ParameterException(spec.commandLine(), "--ignore-above needs a whole number >= 0, got " + ignoreAbove);
        }
        Path eventsFile = events == null || events.equals("-") ? null : Path.of(events);
        if (eventsFile != null && (!Files.exists(eventsFile) || Files.isDirectory(eventsFile))) {
            err.println("ncwatch hunt: no such events file: " + eventsFile);
            return USAGE;
        }

        EqlOptions options;
        try {
            options = new EqlOptions(ignoreAbove, mapping == null ? EqlOptions.ELASTICSEARCH.types() : FieldTypes.read(mapping));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("ncwatch hunt: --mapping " + e.getMessage());
            return USAGE;
        }
        List<Rule> loaded;
        try {
            loaded = rules();
        } catch (RuleFileException e) {
            err.println("ncwatch hunt: " + e.getMessage());
            return USAGE;
        }
        if (elasticsearch.requested()) {
            // The job's own dataflow: single-event rules and sequences alike, with the process table and correlation.
            try {
                RuleSet.compile(loaded, options);
            } catch (InvalidRuleException e) {
                err.println("ncwatch hunt: " + invalid(e));
                return USAGE;
            }
            return elasticsearch.hunt(spec, loaded, tiebreaker, err);
        }
        Query alone = loaded.size() == 1 ? runsAlone(loaded.get(0).query()) : null;
        if (alone != null) {
            CorrelationHunt hunt;
            try {
                hunt = new CorrelationHunt(alone, options, tiebreaker, maxSamplesPerKey,
                        (long) sortMemory << 20, DecodeLimits.DEFAULT, decodeAll, err, progressEvery);
            } catch (IllegalArgumentException e) {
                err.println("ncwatch hunt: " + invalid(new InvalidRuleException(loaded.get(0), e)));
                return USAGE;
            }
            return hunt(hunt::run, hunt::summary, eventsFile);
        }

        RuleSet rules;
        try {
            rules = RuleSet.compile(loaded, options);
        } catch (InvalidRuleException e) {
            err.println("ncwatch hunt: " + invalid(e));
            return USAGE;
        }
        List<String> leftOut = new ArrayList<>();
        rules.sequences().forEach(s -> leftOut.add(s.rule().origin() + ": rule \"" + s.rule().name()
                + "\" left out: a sequence matches several events, not one; hunt it alone with --rule and its file"));
        rules.unsupported().forEach(u -> leftOut.add(u.rule().origin() + ": rule \"" + u.rule().name()
                + "\" left out: " + u.reason() + "; hunt it alone with --rule and its file"));
        tell(leftOut, "rules left out: a sequence, a sample or a query with pipes is hunted alone");
        if (rules.compiled().isEmpty()) {
            err.println("ncwatch hunt: no rule in " + rule + " can be run with the others"
                    + (leftOut.isEmpty() ? "" : ": hunt each alone with --rule and its file"));
            return USAGE;
        }
        Hunt hunt = new Hunt(rules, DecodeLimits.DEFAULT, decodeAll, err, progressEvery);
        return hunt(hunt::run, hunt::summary, eventsFile);
    }

    /** A query that is answered over the whole input (a sequence, a sample, pipes), or null for an event query or bad EQL. */
    private static Query runsAlone(String eql) {
        try {
            Query query = EqlParser.parse(eql);
            return query instanceof Query.EventQuery event && event.pipes().isEmpty() ? null : query;
        } catch (EqlSyntaxException e) {
            return null; // reported, with its rule, where the rules are compiled
        }
    }

    private String invalid(InvalidRuleException e) {
        return query != null ? "--query is not valid EQL: " + e.getCause().getMessage() : e.getMessage();
    }

    /** What a hunt of either kind does: read the events and write what it finds. */
    private interface HuntRun {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    /** Runs a hunt over the events of {@code eventsFile}, or of standard input when it is null. */
    private int hunt(HuntRun run, Supplier<List<String>> summary, Path eventsFile) {
        OutputStream matches = new BufferedOutputStream(out, 1 << 16);
        try {
            if (eventsFile == null) {
                run.run(stdin, matches);
            } else {
                try (InputStream in = Files.newInputStream(eventsFile)) {
                    run.run(in, matches);
                }
            }
        } catch (HuntPass.OutputClosedException e) {
            summary.get().forEach(err::println);
            err.println("ncwatch hunt: stopped, the output was closed");
            return RAN;
        } catch (CorrelationHunt.RefusedException | EventOrder.TooLargeToSortException e) {
            summary.get().forEach(err::println);
            err.println("ncwatch hunt: stopped: " + e.getMessage());
            return STOPPED;
        } catch (IOException e) {
            summary.get().forEach(err::println);
            err.println("ncwatch hunt: reading " + events + " failed: " + e);
            return STOPPED;
        }
        summary.get().forEach(err::println);
        return RAN;
    }

    /** The rules of {@code --rule}, each skipped entry told on stderr, or the one rule of {@code --query}. */
    private List<Rule> rules() {
        if (query != null) {
            return List.of(new Rule("query", "--query", "", 1, "low", 0, List.of(), null, List.of(), List.of(),
                    List.of(), null, "eql", List.of(), query, "--query"));
        }
        LoadedRules loaded = RuleFiles.load(Path.of(rule));
        tell(loaded.skipped(), "entries skipped");
        int count = loaded.rules().size();
        err.println("ncwatch hunt: " + count + (count == 1 ? " EQL rule" : " EQL rules") + " loaded from " + rule);
        return loaded.rules();
    }

    /** Prints the first notices on stderr and, when there are any, how many there are. */
    private void tell(List<String> notices, String what) {
        notices.stream().limit(NOTICES_LISTED).forEach(notice -> err.println("ncwatch hunt: " + notice));
        if (notices.size() > NOTICES_LISTED) {
            err.println("ncwatch hunt: " + notices.size() + " " + what + " (the first " + NOTICES_LISTED + " listed)");
        } else if (!notices.isEmpty()) {
            err.println("ncwatch hunt: " + notices.size() + " " + what);
        }
    }
}
