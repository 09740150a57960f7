package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.EcsDecoder;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.record.Stage;
import io.ncwatch.rules.CompiledRule;
import io.ncwatch.rules.RuleFiles;
import io.ncwatch.rules.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's EQL engine, running the shipped seed rule over generated traffic, finds exactly the ground truth. */
class SeedRuleGroundTruthTest {

    @Test
    void theSeedRuleMatchesExactlyTheGroundTruthsRuleLines() throws Exception {
        RuleSet rules = RuleSet.compile(RuleFiles.load(Path.of("jobs/netcat-listener/rule.toml")).rules(),
                EqlOptions.ELASTICSEARCH);
        CompiledRule seed = rules.compiled().get(0);
        EcsDecoder decoder = new EcsDecoder(rules.slots(), DecodeLimits.DEFAULT);
        FleetOptions options = FleetOptions.builder()
                .seed(99).containers(500).events(100_000).rate(2_000).attackRate(0.003).build();
        GeneratedTraffic traffic = GeneratedTraffic.of(options);

        List<String> matched = new ArrayList<>();
        for (GeneratedTraffic.Event e : traffic.events) {
            if (seed.query().matches(decoder.decode(e.bytes(), 0, e.bytes().length))) {
                matched.add(e.id());
            }
        }

        assertThat(seed.rule().ruleId()).isEqualTo(ExpectedAlert.SEED_RULE_ID);
        List<String> expected = traffic.truth(Stage.RULE).stream()
                .map(ExpectedAlert::sourceEventId)
                .toList();
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(matched).containsExactlyElementsOf(expected);
    }
}
