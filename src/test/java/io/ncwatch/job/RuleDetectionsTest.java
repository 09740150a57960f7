package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ncwatch.alert.Detection;
import io.ncwatch.event.ContainerEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RuleDetectionsTest {

    private static ContainerEvent event(String containerId, String eventId, String... rules) {
        ContainerEvent event = new ContainerEvent();
        event.containerId = containerId;
        event.eventId = eventId;
        event.matchedRules = rules;
        return event;
    }

    @Test
    void eachMatchedRuleIsOneDetectionAtStageRule() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RuleDetections(), (ContainerEvent e) -> e.containerId, Types.STRING);
        harness.open();

        harness.processElement(event("c1", "e1", "rule-a", "rule-b"), 10);
        harness.processElement(event("c2", "e2"), 11);
        harness.processElement(event("c2", "e3", "rule-a"), 12);

        assertThat(harness.extractOutputValues())
                .extracting(d -> d.ruleId, d -> d.stage, d -> d.event.eventId)
                .containsExactly(
                        tuple("rule-a", Detection.STAGE_RULE, "e1"),
                        tuple("rule-b", Detection.STAGE_RULE, "e1"),
                        tuple("rule-a", Detection.STAGE_RULE, "e3"));
        harness.close();
    }
}
