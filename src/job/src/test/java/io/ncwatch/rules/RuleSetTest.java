package io.ncwatch.rules;

import static io.ncwatch.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.eql.EqlOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void compilesRulesAndSequencesIntoOneTableOfFieldSlotsAndKeepsSamplesAside() {
        Rule nc = rule("nc", "process where process.name == \"nc\" and container.id : \"*\"");
        Rule socat = rule("socat", "process where process.name == \"socat\" and process.args : \"TCP-LISTEN:*\"");
        Rule sequence = rule("seq", "sequence by process.entity_id [process where true] [network where destination.port == 22]");
        Rule sample = rule("sample", "sample by host.id [process where true] [network where true]");
        Rule piped = rule("piped", "sequence [process where true] [network where true] | head 5");

        RuleSet set = RuleSet.compile(List.of(nc, sequence, sample, socat, piped), EqlOptions.ELASTICSEARCH);

        assertThat(set.compiled()).extracting(CompiledRule::rule).containsExactly(nc, socat);
        assertThat(set.sequences()).extracting(SequenceRule::rule).containsExactly(sequence);
        assertThat(set.unsupported()).extracting(RuleSet.Unsupported::rule).containsExactly(sample, piped);
        assertThat(set.unsupported().get(1).reason()).contains("pipes");
        assertThat(set.slots().paths())
                .as("each field has one slot, whichever rules read it")
                .contains("process.name", "container.id", "process.args", "process.entity_id", "destination.port")
                .doesNotHaveDuplicates();
        assertThat(set.compiled().get(1).query().fields()).allSatisfy(f -> assertThat(set.slots().find(f)).isNotNegative());
        assertThat(set.sequences().get(0).sequence().fields()).allSatisfy(f -> assertThat(set.slots().find(f)).isNotNegative());
    }

    @Test
    void aSequenceOfOneStageWithRunsIsASequenceRule() {
        Rule runs = rule("runs", "sequence by container.id with maxspan=5s [process where process.name == \"ls\"] with runs=3");

        RuleSet set = RuleSet.compile(List.of(runs), EqlOptions.ELASTICSEARCH);

        assertThat(set.sequences()).singleElement().satisfies(s -> assertThat(s.sequence().stages().get(0).runs()).isEqualTo(3));
    }

    @Test
    void theRequiredTextsOfSeveralRulesAreTheirUnionOrNoneWhenOneRuleHasNone() {
        Rule nc = rule("nc", "process where process.name == \"nc\"");
        Rule socat = rule("socat", "process where process.name == \"socat\"");
        Rule anyStart = rule("any", "process where event.type == \"start\"");

        RuleSet both = RuleSet.compile(List.of(nc, socat), EqlOptions.ELASTICSEARCH);
        RuleSet withAnyStart = RuleSet.compile(List.of(nc, anyStart), EqlOptions.ELASTICSEARCH);

        assertThat(both.requiredText()).extracting(n -> n.text()).containsExactlyInAnyOrder("nc", "socat");
        assertThat(withAnyStart.requiredText()).as("every start event may match, so nothing can be ruled out").isEmpty();
    }

    @Test
    void judgingTellsEachRulesVerdictInRuleOrderAndReadsTheClockOnlyWhenAsked() {
        RuleSet set = RuleSet.compile(List.of(rule("nc", "process where process.name == \"nc\""),
                rule("socat", "process where process.name == \"socat\"")), EqlOptions.ELASTICSEARCH);
        Map<String, Object> event = Map.of("event.category", "process", "process.name", "nc");
        List<String> heard = new ArrayList<>();
        Judgements judgements = new Judgements() {
            @Override
            public boolean timesNext(int rule) {
                return rule == 1;
            }

            @Override
            public void judged(int rule, boolean matched, long nanos) {
                heard.add(rule + (matched ? " matched" : " did not match") + (rule == 0 ? ", " + nanos + " ns" : ""));
            }
        };

        String[] ids = set.matching(slot -> event.get(set.slots().paths().get(slot)), judgements);

        assertThat(ids).containsExactly("nc");
        assertThat(heard).containsExactly("0 matched, 0 ns", "1 did not match");
    }

    @Test
    void anInvalidQueryNamesTheRuleAndWhereItCameFrom() {
        Rule broken = rule("broken", "process where process.name = \"nc\"");

        assertThatThrownBy(() -> RuleSet.compile(List.of(broken), EqlOptions.ELASTICSEARCH))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("rules/broken.toml: rule \"Rule broken\": line 1, column ");
    }

    @Test
    void aQueryElasticsearchWouldRejectIsInvalidToo() {
        Rule unknownFunction = rule("fn", "process where noSuchFunction(process.name)");

        assertThatThrownBy(() -> RuleSet.compile(List.of(unknownFunction), EqlOptions.ELASTICSEARCH))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("rules/fn.toml: rule \"Rule fn\": ");
    }
}
