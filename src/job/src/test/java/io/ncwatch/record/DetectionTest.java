package io.ncwatch.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class DetectionTest {
    @Test
    void eachMatchedRuleIsOneDetectionAtStageRule() {
        ContainerEvent two = TestContainerEvents.exec("payments", 1_000, 20, 10, "nc", "-l", "4444");
        two.matchedRules = new String[] {"rule-a", "rule-b"};
        ContainerEvent none = TestContainerEvents.exec("reports", 1_001, 21, 10, "ls");

        assertThat(Detection.ofRules(two)).extracting(d -> d.ruleId, d -> d.stage, d -> d.event)
                .containsExactly(tuple("rule-a", Stage.RULE, two), tuple("rule-b", Stage.RULE, two));
        assertThat(Detection.ofRules(none)).isEmpty();
    }
}
