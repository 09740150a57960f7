package io.ncwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.SeedQuery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed rule that ncwatch ships, {@code jobs/netcat-listener/rule.toml}. */
class ShippedRuleTest {

    static final Path SHIPPED_RULE = Path.of("jobs/netcat-listener/rule.toml");

    @Test
    void loadsAsTheSeedRuleWithItsQueryUnchanged() {
        LoadedRules loaded = RuleFiles.load(SHIPPED_RULE);

        assertThat(loaded.skipped()).isEmpty();
        Rule rule = loaded.rules().get(0);
        assertThat(loaded.rules()).hasSize(1);
        assertThat(rule.query()).isEqualTo(SeedQuery.TEXT);
        assertThat(rule.ruleId()).isEqualTo("a52a9439-d52c-401c-be37-2785235c6547");
        assertThat(rule.name()).isEqualTo("Netcat Listener Established Inside A Container");
        assertThat(rule.description()).startsWith("This rule detects an established netcat listener running inside a container.");
        assertThat(rule.version()).isEqualTo(3);
        assertThat(rule.severity()).isEqualTo("high");
        assertThat(rule.riskScore()).isEqualTo(73);
        assertThat(rule.author()).containsExactly("Elastic");
        assertThat(rule.license()).isEqualTo("Elastic License v2");
        assertThat(rule.language()).isEqualTo("eql");
        assertThat(rule.index()).containsExactly("logs-cloud_defend*");
        assertThat(rule.tags()).contains("Domain: Container", "Tactic: Execution", "Data Source: Elastic Defend for Containers");
        assertThat(rule.threat()).containsExactly(new Threat("MITRE ATT&CK",
                new Threat.Entry("TA0002", "Execution", "https://attack.mitre.org/tactics/TA0002/"),
                List.of(new Threat.Technique("T1059", "Command and Scripting Interpreter",
                        "https://attack.mitre.org/techniques/T1059/",
                        List.of(new Threat.Entry("T1059.004", "Unix Shell",
                                "https://attack.mitre.org/techniques/T1059/004/"))))));
        assertThat(rule.note())
                .startsWith("## Triage and analysis")
                .contains("### Possible investigation steps", "### False positive analysis",
                        "### Response and remediation", "- Immediately isolate the affected container");
    }
}
