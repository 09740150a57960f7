package io.ncwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

    private static final String TOML_RULE = """
            [metadata]
            creation_date = "2024/01/02"
            maturity = "production"

            [rule]
            author = ["Elastic", "A. Hunter"]
            description = \"""
            Finds socat listeners in containers.
            \"""
            index = ["logs-cloud_defend*"]
            language = "eql"
            license = "Elastic License v2"
            name = "Socat Listener In A Container"
            note = \"""## Triage and analysis

            - Check the parent process.
            \"""
            references = ["https://example.org/socat"]
            risk_score = 47
            rule_id = "0b8e3c1a-0000-4000-8000-000000000001"
            severity = "medium"
            tags = ["Domain: Container", "Tactic: Execution"]
            type = "eql"
            query = '''
            process where process.name == "socat" and process.args : "TCP-LISTEN:*"
            '''

            [[rule.threat]]
            framework = "MITRE ATT&CK"

            [[rule.threat.technique]]
            id = "T1059"
            name = "Command and Scripting Interpreter"
            reference = "https://attack.mitre.org/techniques/T1059/"

            [[rule.threat.technique.subtechnique]]
            id = "T1059.004"
            name = "Unix Shell"
            reference = "https://attack.mitre.org/techniques/T1059/004/"

            [[rule.threat.technique]]
            id = "T1609"
            name = "Container Administration Command"
            reference = "https://attack.mitre.org/techniques/T1609/"

            [rule.threat.tactic]
            id = "TA0002"
            name = "Execution"
            reference = "https://attack.mitre.org/tactics/TA0002/"

            [[rule.threat]]
            framework = "MITRE ATT&CK"

            [rule.threat.tactic]
            id = "TA0011"
            name = "Command and Control"
            reference = "https://attack.mitre.org/tactics/TA0011/"
            """;

    private static final String EQL_EXPORT_LINE = """
            {"id":"5e1f","rule_id":"%s","name":"%s","description":"d","type":"eql","language":"eql",\
            "index":["logs-cloud_defend*"],"severity":"high","risk_score":73,"version":7,"author":["Elastic"],\
            "license":"Elastic License v2","tags":["OS: Linux"],"references":[],"enabled":true,\
            "threat":[{"framework":"MITRE ATT&CK","tactic":{"id":"TA0002","name":"Execution",\
            "reference":"https://attack.mitre.org/tactics/TA0002/"},"technique":[{"id":"T1059",\
            "name":"Command and Scripting Interpreter","reference":"https://attack.mitre.org/techniques/T1059/",\
            "subtechnique":[{"id":"T1059.004","name":"Unix Shell",\
            "reference":"https://attack.mitre.org/techniques/T1059/004/"}]}]}],\
            "query":"process where process.name == \\"%s\\""}""";

    private static final String KQL_EXPORT_LINE = """
            {"rule_id":"kql-1","name":"Kubectl Via KQL","type":"query","language":"kuery","severity":"low",\
            "risk_score":21,"query":"process.name : kubectl"}""";

    private static final String EXPORT_SUMMARY_LINE = """
            {"exported_count":3,"exported_rules_count":3,"missing_rules":[],"missing_rules_count":0,\
            "exported_exception_list_count":0,"exported_exception_list_item_count":0}""";

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldOfADetectionRulesTomlFile() throws IOException {
        Path file = write("socat.toml", TOML_RULE);

        LoadedRules loaded = RuleFiles.load(file);

        assertThat(loaded.skipped()).isEmpty();
        assertThat(loaded.rules()).hasSize(1);
        Rule rule = loaded.rules().get(0);
        assertThat(rule.ruleId()).isEqualTo("0b8e3c1a-0000-4000-8000-000000000001");
        assertThat(rule.name()).isEqualTo("Socat Listener In A Container");
        assertThat(rule.description()).isEqualTo("Finds socat listeners in containers.\n");
        assertThat(rule.version()).as("detection-rules files carry no version").isEqualTo(1);
        assertThat(rule.severity()).isEqualTo("medium");
        assertThat(rule.riskScore()).isEqualTo(47);
        assertThat(rule.author()).containsExactly("Elastic", "A. Hunter");
        assertThat(rule.license()).isEqualTo("Elastic License v2");
        assertThat(rule.references()).containsExactly("https://example.org/socat");
        assertThat(rule.tags()).containsExactly("Domain: Container", "Tactic: Execution");
        assertThat(rule.note()).isEqualTo("## Triage and analysis\n\n- Check the parent process.\n");
        assertThat(rule.language()).isEqualTo("eql");
        assertThat(rule.index()).containsExactly("logs-cloud_defend*");
        assertThat(rule.query())
                .isEqualTo("process where process.name == \"socat\" and process.args : \"TCP-LISTEN:*\"\n");
        assertThat(rule.origin()).isEqualTo(file.toString());

        assertThat(rule.threat()).containsExactly(
                new Threat("MITRE ATT&CK",
                        new Threat.Entry("TA0002", "Execution", "https://attack.mitre.org/tactics/TA0002/"),
                        List.of(
                                new Threat.Technique("T1059", "Command and Scripting Interpreter",
                                        "https://attack.mitre.org/techniques/T1059/",
                                        List.of(new Threat.Entry("T1059.004", "Unix Shell",
                                                "https://attack.mitre.org/techniques/T1059/004/"))),
                                new Threat.Technique("T1609", "Container Administration Command",
                                        "https://attack.mitre.org/techniques/T1609/", List.of()))),
                new Threat("MITRE ATT&CK",
                        new Threat.Entry("TA0011", "Command and Control", "https://attack.mitre.org/tactics/TA0011/"),
                        List.of()));
    }

    @Test
    void readsAKibanaExportSkippingItsSummaryLineAndNonEqlRulesWithANotice() throws IOException {
        Path file = write("export.ndjson", String.join("\n",
                exportLine("id-nc", "Netcat", "nc"),
                KQL_EXPORT_LINE,
                "",
                exportLine("id-socat", "Socat", "socat"),
                EXPORT_SUMMARY_LINE) + "\n");

        LoadedRules loaded = RuleFiles.load(file);

        assertThat(loaded.rules()).extracting(Rule::ruleId).containsExactly("id-nc", "id-socat");
        assertThat(loaded.rules()).extracting(Rule::origin)
                .containsExactly(file + " line 1", file + " line 4");
        assertThat(loaded.skipped()).containsExactly(
                file + " line 2: rule \"Kubectl Via KQL\" skipped: its type is query and its language kuery, ncwatch runs EQL rules only");

        Rule nc = loaded.rules().get(0);
        assertThat(nc.version()).isEqualTo(7);
        assertThat(nc.riskScore()).isEqualTo(73);
        assertThat(nc.severity()).isEqualTo("high");
        assertThat(nc.query()).isEqualTo("process where process.name == \"nc\"");
        assertThat(nc.note()).isNull();
        assertThat(nc.threat()).singleElement().satisfies(threat -> {
            assertThat(threat.tactic().id()).isEqualTo("TA0002");
            assertThat(threat.techniques()).singleElement().satisfies(technique -> {
                assertThat(technique.id()).isEqualTo("T1059");
                assertThat(technique.subtechniques()).extracting(Threat.Entry::id).containsExactly("T1059.004");
            });
        });
    }

    @Test
    void aRuleOfAnExportGetsTheItemsOfTheExceptionListsItNames() throws IOException {
        String rule = exportLine("id-nc", "Netcat", "nc").replace("\"enabled\":true,",
                "\"enabled\":true,\"exceptions_list\":[{\"id\":\"9f1\",\"list_id\":\"nc-lab\",\"type\":\"detection\","
                        + "\"namespace_type\":\"single\"},{\"id\":\"endpoint_list\",\"list_id\":\"endpoint_list\","
                        + "\"type\":\"endpoint\",\"namespace_type\":\"agnostic\"}],");
        Path file = write("export.ndjson", String.join("\n", rule,
                "{\"list_id\":\"nc-lab\",\"name\":\"Netcat lab\",\"type\":\"detection\",\"namespace_type\":\"single\"}",
                "{\"item_id\":\"i1\",\"list_id\":\"nc-lab\",\"name\":\"lab images\",\"type\":\"simple\",\"entries\":["
                        + "{\"field\":\"container.image.name\",\"operator\":\"included\",\"type\":\"match_any\",\"value\":[\"lab\",\"ci\"]},"
                        + "{\"field\":\"user.id\",\"operator\":\"excluded\",\"type\":\"exists\"}]}",
                "{\"item_id\":\"i2\",\"list_id\":\"other\",\"name\":\"not named by the rule\",\"type\":\"simple\",\"entries\":["
                        + "{\"field\":\"host.name\",\"operator\":\"included\",\"type\":\"match\",\"value\":\"h\"}]}",
                EXPORT_SUMMARY_LINE) + "\n");

        LoadedRules loaded = RuleFiles.load(file);

        assertThat(loaded.rules()).singleElement().satisfies(nc -> assertThat(nc.exceptions()).containsExactly(
                new ExceptionItem("lab images", List.of(
                        new ExceptionEntry("container.image.name", ExceptionEntry.Operator.INCLUDED,
                                ExceptionEntry.Type.MATCH_ANY, List.of("lab", "ci")),
                        new ExceptionEntry("user.id", ExceptionEntry.Operator.EXCLUDED, ExceptionEntry.Type.EXISTS, List.of())))));
        assertThat(loaded.skipped()).containsExactly(file + " line 1: rule \"Netcat\": exception list \"endpoint_list\""
                + " has no items in this file; the rule runs without them");
    }

    @Test
    void aValueListOrAnUnknownEntryTypeIsRefusedNamingTheEntry() throws IOException {
        String item = "{\"item_id\":\"i1\",\"list_id\":\"l\",\"name\":\"bad ips\",\"type\":\"simple\",\"entries\":["
                + "{\"field\":\"source.ip\",\"operator\":\"included\",\"type\":\"%s\"}]}";
        Path list = write("list.ndjson", exportLine("id-nc", "Netcat", "nc") + "\n" + item.formatted("list") + "\n");
        Path nested = write("nested.ndjson", exportLine("id-nc", "Netcat", "nc") + "\n" + item.formatted("nested") + "\n");

        assertThatThrownBy(() -> RuleFiles.load(list)).isInstanceOf(RuleFileException.class)
                .hasMessage(list + " line 2: exception item \"bad ips\": entry on source.ip refers to a value list:"
                        + " ncwatch does not read value lists; write the values in a match_any entry");
        assertThatThrownBy(() -> RuleFiles.load(nested)).isInstanceOf(RuleFileException.class)
                .hasMessageContaining("type \"nested\" is not one ncwatch applies");
    }

    @Test
    void aTomlRuleReadsEnabledMaxSignalsIntervalAndItsExceptionsTable() throws IOException {
        String limits = "risk_score = 47\nenabled = false\nmax_signals = 3\ninterval = \"1m\"";
        Path file = write("socat.toml", TOML_RULE.replace("risk_score = 47", limits) + """

                [[rule.exceptions]]
                name = "the CI runner's port checks"

                [[rule.exceptions.entries]]
                field = "container.image.name"
                operator = "included"
                type = "wildcard"
                value = "registry.local/ci-*"

                [[rule.exceptions.entries]]
                field = "process.args"
                operator = "included"
                type = "match_any"
                value = ["-z", "--zero"]
                """);

        Rule rule = RuleFiles.load(file).rules().get(0);

        assertThat(rule.enabled()).isFalse();
        assertThat(rule.maxSignals()).isEqualTo(3);
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.exceptions()).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("the CI runner's port checks");
            assertThat(item.entries()).extracting(ExceptionEntry::field, ExceptionEntry::type, ExceptionEntry::values)
                    .containsExactly(tuple("container.image.name", ExceptionEntry.Type.WILDCARD, List.of("registry.local/ci-*")),
                            tuple("process.args", ExceptionEntry.Type.MATCH_ANY, List.of("-z", "--zero")));
        });
    }

    @Test
    void withoutThemARuleIsEnabledWithKibanasMaxSignalsAndInterval() throws IOException {
        Rule rule = RuleFiles.load(write("socat.toml", TOML_RULE)).rules().get(0);

        assertThat(rule.enabled()).isTrue();
        assertThat(rule.maxSignals()).isEqualTo(100);
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.exceptions()).isEmpty();
    }

    @Test
    void aRuleReadsElasticsAlertSuppression() throws IOException {
        String suppression = """

                [rule.alert_suppression]
                group_by = ["container.id", "process.executable"]
                duration = {value = 30, unit = "m"}
                missing_fields_strategy = "doNotSuppress"
                """;
        Rule withDuration = RuleFiles.load(write("a.toml", TOML_RULE + suppression)).rules().get(0);
        Rule perInterval = RuleFiles.load(write("b.toml", TOML_RULE + "\n[rule.alert_suppression]\ngroup_by = [\"host.name\"]\n"))
                .rules().get(0);
        Path badStrategy = write("c.toml", TOML_RULE + suppression.replace("doNotSuppress", "never"));

        assertThat(withDuration.suppression()).isEqualTo(new AlertSuppression(List.of("container.id", "process.executable"),
                Duration.ofMinutes(30), false));
        assertThat(perInterval.suppression()).isEqualTo(new AlertSuppression(List.of("host.name"), Duration.ofMinutes(5), true));
        assertThat(RuleFiles.load(write("d.toml", TOML_RULE)).rules().get(0).suppression()).isNull();
        assertThatThrownBy(() -> RuleFiles.load(badStrategy)).hasMessage(badStrategy
                + ": \"alert_suppression.missing_fields_strategy\" must be suppress or doNotSuppress, got never");
    }

    @Test
    void aBadIntervalOrMaxSignalsIsNamed() throws IOException {
        Path interval = write("a.toml", TOML_RULE.replace("risk_score = 47", "risk_score = 47\ninterval = \"5 minutes\""));
        Path maxSignals = write("b.toml", TOML_RULE.replace("risk_score = 47", "risk_score = 47\nmax_signals = 0"));

        assertThatThrownBy(() -> RuleFiles.load(interval)).hasMessage(interval
                + ": \"interval\" must be a whole number and a unit (s, m, h, d), like 5m; got 5 minutes");
        assertThatThrownBy(() -> RuleFiles.load(maxSignals)).hasMessage(maxSignals + ": \"max_signals\" must be at least 1, got 0");
    }

    @Test
    void readsAFolderRecursivelyInPathOrderIgnoringOtherFiles() throws IOException {
        write("b/nested.toml", TOML_RULE.replace("0b8e3c1a-0000-4000-8000-000000000001", "nested"));
        write("a.ndjson", exportLine("from-ndjson", "N", "nc") + "\n" + EXPORT_SUMMARY_LINE + "\n");
        write("c.toml", TOML_RULE.replace("0b8e3c1a-0000-4000-8000-000000000001", "last"));
        write("README.md", "# not a rule");
        write("b/notes.txt", "not a rule either");

        LoadedRules loaded = RuleFiles.load(dir);

        assertThat(loaded.rules()).extracting(Rule::ruleId).containsExactly("from-ndjson", "nested", "last");
        assertThat(loaded.skipped()).isEmpty();
    }

    @Test
    void invalidTomlNamesTheFileAndLine() throws IOException {
        Path file = write("broken.toml", "[rule]\nname = \"x\"\nrisk_score = = 3\n");

        assertThatThrownBy(() -> RuleFiles.load(file))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(file + ": not valid TOML")
                .hasMessageContaining("line 3");
    }

    @Test
    void invalidJsonNamesTheFileAndLine() throws IOException {
        Path file = write("export.ndjson", exportLine("ok", "Ok", "nc") + "\n{\"rule_id\": \"x\",\n");

        assertThatThrownBy(() -> RuleFiles.load(file))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(file + " line 2: not valid JSON");
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws IOException {
        Path toml = write("no-id.toml", TOML_RULE.replace("rule_id = \"0b8e3c1a-0000-4000-8000-000000000001\"", ""));
        Path ndjson = write("no-query.ndjson", exportLine("id", "N", "nc").replaceAll(",\"query\":.*}$", "}") + "\n");

        assertThatThrownBy(() -> RuleFiles.load(toml)).hasMessage(toml + ": rule has no \"rule_id\"");
        assertThatThrownBy(() -> RuleFiles.load(ndjson)).hasMessage(ndjson + " line 1: rule has no \"query\"");
    }

    @Test
    void aWrongTypeIsNamed() throws IOException {
        Path file = write("bad.toml", TOML_RULE.replace("risk_score = 47", "risk_score = \"high\""));

        assertThatThrownBy(() -> RuleFiles.load(file))
                .hasMessage(file + ": \"risk_score\" must be a whole number, got \"high\"");
    }

    @Test
    void aTomlFileWithoutARuleTableIsNotARuleFile() throws IOException {
        Path file = write("pyproject.toml", "[project]\nname = \"detection-rules\"\n");

        assertThatThrownBy(() -> RuleFiles.load(file))
                .hasMessage(file + ": no [rule] table: not a detection-rules rule file");
    }

    @Test
    void aMissingPathOrAnotherKindOfFileIsAnError() throws IOException {
        Path other = write("rules.yaml", "rule: x");
        Path missing = dir.resolve("nothing-here.toml");

        assertThatThrownBy(() -> RuleFiles.load(missing)).hasMessage(missing + ": no such file or folder");
        assertThatThrownBy(() -> RuleFiles.load(other))
                .hasMessage(other + ": not a rule file (expected .toml or .ndjson)");
    }

    private static String exportLine(String ruleId, String name, String processName) {
        return EQL_EXPORT_LINE.formatted(ruleId, name, processName);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
