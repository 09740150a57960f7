package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.ncwatch.eql.EqlOptions;
import io.ncwatch.rules.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRulesTest {
    @TempDir Path dir;

    private static String ndjsonRule(String id, String name, String query) {
        return "{\"rule_id\":\"" + id + "\",\"name\":\"" + name + "\",\"description\":\"\",\"severity\":\"low\","
                + "\"risk_score\":21,\"type\":\"eql\",\"language\":\"eql\",\"query\":\"" + query.replace("\"", "\\\"") + "\"}";
    }

    @Test
    void aRuleReadLaterReplacesOneOfTheSameIdWithAWarning() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.ndjson"), String.join("\n",
                ndjsonRule("r1", "Old generation", "process where process.name == \"nc\""),
                ndjsonRule("r2", "Other", "process where process.name == \"socat\""),
                ndjsonRule("r1", "New generation", "process where process.name == \"ncat\"")));
        List<String> notices = new ArrayList<>();

        List<Rule> rules = JobRules.load(List.of(file), EqlOptions.ELASTICSEARCH, notices::add);

        assertThat(rules).extracting(Rule::ruleId, Rule::name)
                .containsExactly(tuple("r1", "New generation"),
                        tuple("r2", "Other"));
        assertThat(notices).singleElement().asString()
                .contains("line 3", "\"New generation\" replaces \"Old generation\"", "line 1", "r1");
    }

    @Test
    void sequenceRulesRunAndSamplesAreSkippedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.ndjson"), String.join("\n",
                ndjsonRule("single", "Single", "process where process.name == \"nc\""),
                ndjsonRule("seq", "Sequence", "sequence by container.id [process where true] [network where true]"),
                ndjsonRule("sample", "Sample", "sample by host.id [process where true] [network where true]")));
        List<String> notices = new ArrayList<>();

        List<Rule> rules = JobRules.load(List.of(file), EqlOptions.ELASTICSEARCH, notices::add);

        assertThat(rules).extracting(Rule::ruleId).containsExactly("single", "seq");
        assertThat(notices).singleElement().asString().contains("\"Sample\" skipped", "sample");
    }

    @Test
    void aDisabledRuleIsCheckedButNotRun() throws IOException {
        String disabled = ndjsonRule("off", "Switched off", "process where process.name == \"socat\"")
                .replace("\"type\"", "\"enabled\":false,\"type\"");
        Path file = Files.writeString(dir.resolve("rules.ndjson"), String.join("\n",
                ndjsonRule("on", "Running", "process where process.name == \"nc\""), disabled));
        Path broken = Files.writeString(dir.resolve("broken.ndjson"),
                ndjsonRule("bad", "Broken", "process where process.name = \"nc\"").replace("\"type\"", "\"enabled\":false,\"type\""));
        List<String> notices = new ArrayList<>();

        List<Rule> rules = JobRules.load(List.of(file), EqlOptions.ELASTICSEARCH, notices::add);

        assertThat(rules).extracting(Rule::ruleId).containsExactly("on");
        assertThat(notices).containsExactly(file + " line 2: rule \"Switched off\" is disabled (enabled = false): checked, not run");
        assertThatThrownBy(() -> JobRules.load(List.of(file, broken), EqlOptions.ELASTICSEARCH, notices::add))
                .as("a disabled rule that does not compile stops the job as an enabled one would")
                .hasMessageContaining("Broken");
    }
}
