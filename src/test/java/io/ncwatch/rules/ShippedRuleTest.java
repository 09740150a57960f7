package io.ncwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed rule that ncwatch ships, {@code jobs/netcat-listener/rule.toml}. */
class ShippedRuleTest {

    static final Path SHIPPED_RULE = Path.of("jobs/netcat-listener/rule.toml");

    /** The query of "Netcat Listener Established Inside A Container" version 3, as Elastic publishes it. */
    static final String SEED_QUERY = """
process where container.id: "*" and event.type== "start"
and event.action in ("fork", "exec") and
(
process.name:("nc","ncat","netcat","netcat.openbsd","netcat.traditional") or
/*account for tools that execute utilities as a subprocess, in this case the target utility name will appear as a process arg*/
process.args: ("nc","ncat","netcat","netcat.openbsd","netcat.traditional")
) and (
          /* bind shell to echo for command execution */
          (process.args:("-*l*", "--listen", "-*p*", "--source-port") and process.args:("-c", "--sh-exec", "-e", "--exec", "echo","$*"))
          /* bind shell to specific port */
          or process.args:("-*l*", "--listen", "-*p*", "--source-port")
          )
""";

    @Test
    void loadsAsTheSeedRuleWithItsQueryUnchanged() {
        LoadedRules loaded = RuleFiles.load(SHIPPED_RULE);

        assertThat(loaded.skipped()).isEmpty();
        Rule rule = loaded.rules().get(0);
        assertThat(loaded.rules()).hasSize(1);
        assertThat(rule.query()).isEqualTo(SEED_QUERY);
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
