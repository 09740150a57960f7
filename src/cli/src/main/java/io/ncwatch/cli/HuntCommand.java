package io.ncwatch.cli;

import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.job.CommandLineStyle;
import io.ncwatch.rules.CompiledRule;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
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
 * <p>With several rules (an export or a folder), an event is printed once when any rule matches it;
 * rules this version cannot evaluate (sequences) are listed and left out, and only when none is left
 * does the hunt stop with exit status 3.
 */
@Command(name = "hunt", synopsisHeading = "usage: ", descriptionHeading = "%n",
        customSynopsis = {"ncwatch hunt (--rule FILE|FOLDER | --query EQL) --events FILE|- [options]",
            "ncwatch hunt --es URL --index PATTERN --from TIME [--to TIME] (--rule FILE | --query EQL | --job DIR) [--alerts]"},
        description = {"print the events of an ECS JSON lines file that EQL rules match",
            "Prints every event that matches, unchanged, one JSON line each, in input order, on stdout;"
                    + " a summary (events read, matched, malformed lines) on stderr."},
        optionListHeading = "%noptions:%n",
        footerHeading = "%n",
        footer = {"exit status: 0 ran (with or without matches), 1 the events could not be read to the end,",
            "             2 usage, rule file or EQL syntax error, 3 valid EQL this version cannot",
            "             evaluate yet (sequences)"})
public final class HuntCommand implements Callable<Integer> {
    private static final int RAN = 0;
    private static final int READ_FAILED = 1;
    private static final int USAGE = CommandLineStyle.USAGE;
    private static final int UNSUPPORTED = 3;
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

    @Option(names = "--ignore-above", paramLabel = "N", description = {"strings longer than N characters never match,"
            + " as in Elasticsearch's ECS keyword mapping (default ${DEFAULT-VALUE}; 0 switches it off)"})
    int ignoreAbove = EqlOptions.ELASTICSEARCH.ignoreAbove();

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
            return elasticsearch.hunt(spec, null, err);
        }
        if ((rule == null) == (query == null)) {
            throw new ParameterException(spec.commandLine(), "give either --rule or --query");
        }
        if (events == null && !elasticsearch.requested()) {
            throw new ParameterException(spec.commandLine(), "--events is required (a file, or - for standard input)");
        }
        if (ignoreAbove < 0) {
            throw new ParameterException(spec.commandLine(), "--ignore-above needs a whole number >= 0, got " + ignoreAbove);
        }
        Path eventsFile = events == null || events.equals("-") ? null : Path.of(events);
        if (eventsFile != null && (!Files.exists(eventsFile) || Files.isDirectory(eventsFile))) {
            err.println("ncwatch hunt: no such events file: " + eventsFile);
            return USAGE;
        }

        RuleSet rules;
        try {
            rules = RuleSet.compile(rules(), new EqlOptions(ignoreAbove));
        } catch (RuleFileException e) {
            err.println("ncwatch hunt: " + e.getMessage());
            return USAGE;
        } catch (InvalidRuleException e) {
            err.println("ncwatch hunt: " + (query != null
                    ? "--query is not valid EQL: " + e.getCause().getMessage()
                    : e.getMessage()));
            return USAGE;
        }
        if (query != null && rules.compiled().isEmpty()) {
            err.println("ncwatch hunt: --query is valid EQL that this version cannot evaluate yet: "
                    + rules.unsupported().get(0).reason());
            return UNSUPPORTED;
        }
        tell(rules.unsupported().stream().map(u -> u.rule().origin() + ": rule \"" + u.rule().name()
                + "\" left out, this version cannot evaluate it yet: " + u.reason()).toList(),
                "rules left out: this version cannot evaluate them yet");
        if (rules.compiled().isEmpty()) {
            err.println("ncwatch hunt: no rule in " + rule + " can be run"
                    + (rules.unsupported().isEmpty() ? "" : " by this version"));
            return rules.unsupported().isEmpty() ? USAGE : UNSUPPORTED;
        }

        if (elasticsearch.requested()) {
            return elasticsearch.hunt(spec, rules.compiled().stream().map(CompiledRule::rule).toList(), err);
        }
        return hunt(rules, eventsFile);
    }

    /** Runs the rules over the events of {@code eventsFile}, or of standard input when it is null. */
    private int hunt(RuleSet rules, Path eventsFile) {
        Hunt hunt = new Hunt(rules, DecodeLimits.DEFAULT, decodeAll, err, progressEvery);
        OutputStream matches = new BufferedOutputStream(out, 1 << 16);
        try {
            if (eventsFile == null) {
                hunt.run(stdin, matches);
            } else {
                try (InputStream in = Files.newInputStream(eventsFile)) {
                    hunt.run(in, matches);
                }
            }
        } catch (Hunt.OutputClosedException e) {
            hunt.summary().forEach(err::println);
            err.println("ncwatch hunt: stopped, the output was closed");
            return RAN;
        } catch (IOException e) {
            hunt.summary().forEach(err::println);
            err.println("ncwatch hunt: reading " + events + " failed: " + e);
            return READ_FAILED;
        }
        hunt.summary().forEach(err::println);
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
