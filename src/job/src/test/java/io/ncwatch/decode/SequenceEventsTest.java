package io.ncwatch.decode;

import static io.ncwatch.job.TestEvents.exec;
import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Which sequence rules the decoder judges an event by: an event that holds no needle of any rule is judged
 * by none, whether the job runs one sequence rule or nine, so its cost does not grow with their number.
 */
class SequenceEventsTest {
    private static final byte[] ORDINARY = json(exec("e1", "2026-11-28T06:12:44.318Z", "c1", "ls", "ls", "-la"));
    private static final byte[] TOOL_3 = json(exec("e2", "2026-11-28T06:12:45.318Z", "c1", "tool3", "tool3", "-x"));

    /** Rules whose every stage has needles: a tool of its own, then a file of its own. */
    private static List<Rule> needled(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> rule("seq-" + i, """
                sequence by container.id with maxspan=5s
                  [process where process.name == "tool%d"]
                  [file where file.path == "/tmp/drop%d"]""".formatted(i, i))).toList();
    }

    @Test
    void anEventWithNoNeedleOfAnySequenceRuleIsJudgedByNoneWithOneRuleOrNine() {
        assertThat(candidates(needled(1), ORDINARY)).isEmpty();
        assertThat(candidates(needled(9), ORDINARY)).isEmpty();
    }

    @Test
    void anEventWithANeedleIsJudgedByTheRules() {
        assertThat(candidates(needled(9), TOOL_3)).hasSize(9).contains("seq-3");
    }

    @Test
    void aRuleWithAStageWithoutNeedlesIsJudgedForEveryEventAndLeavesTheFilterOnForTheOthers() {
        List<Rule> rules = new ArrayList<>(needled(8));
        rules.add(rule("any-exec", """
                sequence by container.id with maxspan=5s
                  [process where event.action == "exec"]
                  [process where event.action == "end"]"""));

        assertThat(candidates(rules, ORDINARY)).containsExactly("any-exec");
        assertThat(candidates(rules, TOOL_3)).hasSize(9).contains("seq-3", "any-exec");
    }

    private static List<String> candidates(List<Rule> rules, byte[] json) {
        SequenceEvents events = new SequenceEvents(RuleSet.compile(rules, EqlOptions.ELASTICSEARCH));
        return events.candidates(json).stream().map(SequenceRule::rule).map(Rule::ruleId).toList();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
