package io.ncwatch.job;

import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.harness.MiniClusters;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleSet;
import io.ncwatch.rules.SequenceRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sequence rules in the whole job, in a MiniCluster: one alert per matched sequence, at the sinks. */
class SequenceJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final Rule CREATE_THEN_RUN = rule("create-then-run", """
            sequence by container.id with maxspan=5s
              [file where event.action == "creation"] by file.path
              [process where true] by process.executable""");

    private static List<RawEvent> traffic() {
        List<RawEvent> records = new ArrayList<>(SequenceTraffic.downloadRunDelete("c1", "c9"));
        records.addAll(SequenceTraffic.downloadRunDelete("c2", "c9"));
        return records;
    }

    private static List<JsonNode> sequenceAlerts(JobRun.Output output) {
        return output.alerts().values().stream().filter(alert -> alert.at("/ncwatch/stage").asText().equals("sequence")).toList();
    }

    @Test
    void aSequenceRuleRaisesOneAlertPerMatchAndItsMembersNoneOfTheirOwn() throws Exception {
        List<Rule> rules = new ArrayList<>(JobRun.seedRule());
        rules.add(CREATE_THEN_RUN);

        JobRun.Output output = JobRun.run(rules, traffic(), 0);

        assertThat(output.alerts().values()).extracting(alert -> alert.at("/rule/id").asText())
                .as("the seed rule matches none of these events").containsOnly("create-then-run");
        assertThat(sequenceAlerts(output))
                .extracting(alert -> alert.at("/ncwatch/sequence/join_keys").toString(),
                        alert -> alert.at("/ncwatch/sequence/events/0/event_id").asText(),
                        alert -> alert.at("/ncwatch/sequence/events/1/event_id").asText(),
                        alert -> alert.at("/container/id").asText())
                .containsExactlyInAnyOrder(
                        tuple("[\"c1\",\"/tmp/payload\"]", "c1-f1", "c1-p3", "c1"),
                        tuple("[\"c2\",\"/tmp/payload\"]", "c2-f1", "c2-p3", "c2"));
        assertThat(output.deadLetters()).isEmpty();
    }

    /**
     * Every query of the corpus that {@code NCWATCH_RULE_CORPUS} names (a Kibana export or detection-rules
     * folder, such as Elastic's container rules) in one job: the sequences among them match the download
     * that is run and deleted. Skipped when the variable is unset.
     */
    @Test
    void everyQueryOfTheRuleCorpusRunsInOneJob() throws Exception {
        String corpus = System.getenv("NCWATCH_RULE_CORPUS");
        assumeTrue(corpus != null && !corpus.isBlank(), "NCWATCH_RULE_CORPUS is not set");
        List<String> notices = new ArrayList<>();
        List<Rule> rules = JobRules.load(List.of(Path.of(corpus)), EqlOptions.ELASTICSEARCH, notices::add);
        RuleSet set = RuleSet.compile(rules, EqlOptions.ELASTICSEARCH);
        assertThat(set.unsupported()).as("rules the job cannot run").isEmpty();

        JobRun.Output output = JobRun.run(rules, traffic(), 0);

        List<String> sequenceRules = set.sequences().stream().map(SequenceRule::rule).map(Rule::ruleId).toList();
        List<JsonNode> sequences = sequenceAlerts(output);
        assertThat(sequences).extracting(alert -> alert.at("/rule/id").asText()).allMatch(sequenceRules::contains);
        assertThat(sequences).extracting(alert -> alert.at("/rule/name").asText() + " in " + alert.at("/container/id").asText())
                .contains(
                        "File Creation and Execution Detected via Defend for Containers in c1",
                        "File Creation and Execution Detected via Defend for Containers in c2",
                        "Ingress Tool Transfer Followed by Execution and Deletion Detected via Defend for Containers in c1",
                        "Ingress Tool Transfer Followed by Execution and Deletion Detected via Defend for Containers in c2",
                        "Payload Execution via Shell Pipe Detected by Defend for Containers in c1",
                        "Payload Execution via Shell Pipe Detected by Defend for Containers in c2");
        System.out.printf("rule corpus %s in one job: %d rules (%d sequences), %d notices, %d alerts, %d of sequences%n",
                corpus, rules.size(), sequenceRules.size(), notices.size(), output.alerts().size(), sequences.size());
    }
}
