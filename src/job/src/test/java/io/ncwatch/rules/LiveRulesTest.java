package io.ncwatch.rules;

import static io.ncwatch.rules.TestRules.json;
import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.record.RuleUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which records of the rules topic a job applies, and why it refuses the others. */
class LiveRulesTest {
    private final LiveRules rules = new LiveRules(List.of(rule("nc", "process where process.name == \"nc\"")),
            EqlOptions.ELASTICSEARCH);

    private static RuleUpdate update(String key, String text) {
        return new RuleUpdate(key, text == null ? null : text.getBytes(StandardCharsets.UTF_8), "rules", 0, 7);
    }

    @Test
    void aRuleAsJsonOrAsDetectionRulesTomlKeyedByItsIdIsApplied() {
        String toml = """
                [rule]
                rule_id = "socat"
                name = "Socat listener"
                severity = "medium"
                risk_score = 47
                language = "eql"
                query = 'process where process.name == "socat"'
                """;

        assertThat(rules.problem(update("socat", json("socat", "process where process.name == \"socat\"")))).isNull();
        assertThat(rules.problem(update("socat", toml))).isNull();
    }

    @Test
    void aRemovalNeedsOnlyItsKey() {
        assertThat(rules.problem(update("nc", null))).isNull();
        assertThat(rules.problem(update("never-seen", null))).as("removing what is not there changes nothing").isNull();
    }

    @Test
    void whatCannotRunIsRefusedWithItsReason() {
        assertThat(rules.problem(update(null, json("x", "process where true")))).contains("no key");
        assertThat(rules.problem(update("y", json("x", "process where true"))))
                .isEqualTo("the record's key y is not the rule's rule_id x");
        assertThat(rules.problem(update("x", json("x", "process where process.name = \"nc\""))))
                .startsWith("rules/0/7 (rule x)").contains("Rule x");
        assertThat(rules.problem(update("x", json("x", "sample by host.id [process where true] [network where true]"))))
                .startsWith("rule \"Rule x\" cannot run in the job: ");
        assertThat(rules.problem(update("x", "{\"rule_id\": \"x\", \"name\": \"KQL\", \"severity\": \"low\", \"risk_score\": 1,"
                + " \"language\": \"kuery\", \"query\": \"process.name: nc\"}")))
                .endsWith("and its language kuery, ncwatch runs EQL rules only");
        assertThat(rules.problem(update("x", "{not json"))).contains("not valid JSON");
        assertThat(rules.problem(update("x", "rule = ["))).contains("not valid TOML");
    }
}
