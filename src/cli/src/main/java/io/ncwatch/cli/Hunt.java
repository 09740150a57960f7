package io.ncwatch.cli;

import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.rules.CompiledRule;
import io.ncwatch.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pass of compiled event rules over a stream of ECS JSON lines: writes each line that any rule
 * matches, unchanged, in input order, and counts what it saw, in constant memory.
 */
final class Hunt {
    private final RuleSet rules;
    private final HuntPass pass;
    private long matched;
    /** Rule id to the events it matched. */
    private final Map<String, Long> matchedByRule = new HashMap<>();

    Hunt(RuleSet rules, DecodeLimits limits, boolean decodeAll, PrintStream progress, Duration progressEvery) {
        this.rules = rules;
        this.pass = new HuntPass(rules.slots(), rules.requiredText(), limits, decodeAll, progress, progressEvery,
                () -> String.format(Locale.ROOT, "%,d matched", matched));
    }

    void run(InputStream in, OutputStream out) throws IOException {
        pass.run(in, (lineNumber, event, bytes, offset, length) -> judge(event, bytes, offset, length, out), out);
    }

    private void judge(DecodedEvent event, byte[] bytes, int offset, int length, OutputStream out) throws IOException {
        String[] matching = rules.matching(event);
        for (String ruleId : matching) {
            matchedByRule.merge(ruleId, 1L, Long::sum);
        }
        if (matching.length > 0) {
            matched++;
            try {
                out.write(bytes, offset, length);
                out.write('\n');
            } catch (IOException e) {
                throw new HuntPass.OutputClosedException(e);
            }
        }
    }

    /** The summary for stderr, one line per entry. */
    List<String> summary() {
        List<String> lines = pass.summary();
        if (rules.compiled().size() > 1) {
            for (CompiledRule rule : rules.compiled()) {
                long count = matchedByRule.getOrDefault(rule.rule().ruleId(), 0L);
                if (count > 0) {
                    lines.add(String.format(Locale.ROOT, "  %,d matched by \"%s\"", count, rule.rule().name()));
                }
            }
        }
        return lines;
    }
}
