package io.ncwatch.cli;

import io.ncwatch.decode.DecodeLimits;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ncwatch hunt (--rule FILE|FOLDER | --query EQL) --events FILE|-}: runs EQL rules over a file of
 * ECS JSON lines, as a hunter replays history with the rules the job runs.
 *
 * <p>With several rules (an export or a folder), an event is printed once when any rule matches it;
 * rules this version cannot evaluate (sequences) are listed and left out, and only when none is left
 * does the hunt stop with exit status 3.
 */
public final class HuntCommand implements Main.Command {
    private static final int RAN = 0;
    private static final int READ_FAILED = 1;
    private static final int USAGE = 2;
    private static final int UNSUPPORTED = 3;
    private static final int NOTICES_LISTED = 20;

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
    public String summary() {
        return "print the events of an ECS JSON lines file that EQL rules match";
    }

    @Override
    public int run(String[] args) {
        HuntOptions options;
        try {
            options = HuntOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ncwatch hunt: " + e.getMessage());
            err.print(HuntOptions.USAGE);
            return USAGE;
        }
        if (options.help()) {
            PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
            stdout.print(HuntOptions.USAGE);
            return RAN;
        }
        Path eventsFile = options.events().equals("-") ? null : Path.of(options.events());
        if (eventsFile != null && (!Files.exists(eventsFile) || Files.isDirectory(eventsFile))) {
            err.println("ncwatch hunt: no such events file: " + eventsFile);
            return USAGE;
        }

        RuleSet rules;
        try {
            rules = RuleSet.compile(rules(options), options.eql());
        } catch (RuleFileException e) {
            err.println("ncwatch hunt: " + e.getMessage());
            return USAGE;
        } catch (InvalidRuleException e) {
            err.println("ncwatch hunt: " + (options.query() != null
                    ? "--query is not valid EQL: " + e.getCause().getMessage()
                    : e.getMessage()));
            return USAGE;
        }
        if (options.query() != null && rules.compiled().isEmpty()) {
            err.println("ncwatch hunt: --query is valid EQL that this version cannot evaluate yet: "
                    + rules.unsupported().get(0).reason());
            return UNSUPPORTED;
        }
        tell(rules.unsupported().stream().map(u -> u.rule().origin() + ": rule \"" + u.rule().name()
                + "\" left out, this version cannot evaluate it yet: " + u.reason()).toList(),
                "rules left out: this version cannot evaluate them yet");
        if (rules.compiled().isEmpty()) {
            err.println("ncwatch hunt: no rule in " + options.rule() + " can be run"
                    + (rules.unsupported().isEmpty() ? "" : " by this version"));
            return rules.unsupported().isEmpty() ? USAGE : UNSUPPORTED;
        }

        return hunt(rules, options, eventsFile);
    }

    /** Runs the rules over the events of {@code eventsFile}, or of standard input when it is null. */
    private int hunt(RuleSet rules, HuntOptions options, Path eventsFile) {
        Hunt hunt = new Hunt(rules, DecodeLimits.DEFAULT, options.decodeAll(), err, progressEvery);
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
            err.println("ncwatch hunt: reading " + options.events() + " failed: " + e);
            return READ_FAILED;
        }
        hunt.summary().forEach(err::println);
        return RAN;
    }

    /** The rules of {@code --rule}, each skipped entry told on stderr, or the one rule of {@code --query}. */
    private List<Rule> rules(HuntOptions options) {
        if (options.query() != null) {
            return List.of(new Rule("query", "--query", "", 1, "low", 0, List.of(), null, List.of(), List.of(),
                    List.of(), null, "eql", List.of(), options.query(), "--query"));
        }
        LoadedRules loaded = RuleFiles.load(Path.of(options.rule()));
        tell(loaded.skipped(), "entries skipped");
        int count = loaded.rules().size();
        err.println("ncwatch hunt: " + count + (count == 1 ? " EQL rule" : " EQL rules") + " loaded from " + options.rule());
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
