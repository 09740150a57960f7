package io.ncwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.record.Stage;

/** Checks an alert the job raised against the ground-truth line it must equal. */
public final class GroundTruthAlerts {
    private GroundTruthAlerts() {}

    /**
     * The alert's rule, stage, container, source event and ancestry; for a correlated alert its base
     * alert, the listener's port and, for a connection, the peer.
     */
    public static void assertMatches(JsonNode alert, ExpectedAlert expected) {
        String what = expected.stage().jsonName() + " alert of event " + expected.sourceEventId();
        assertThat(alert.at("/rule/id").asText()).as(what).isEqualTo(expected.ruleId());
        assertThat(alert.at("/ncwatch/stage").asText()).as(what).isEqualTo(expected.stage().jsonName());
        assertThat(alert.at("/container/id").asText()).as(what).isEqualTo(expected.containerId());
        assertThat(alert.at("/ncwatch/source_event/id").asText()).as(what).isEqualTo(expected.sourceEventId());
        assertThat(alert.at("/ncwatch/ancestry/chain").size()).as(what + ": ancestry").isPositive();
        if (expected.stage() == Stage.RULE) {
            assertThat(alert.at("/ncwatch/correlation").isMissingNode()).as(what).isTrue();
            return;
        }
        JsonNode correlation = alert.at("/ncwatch/correlation");
        assertThat(correlation.path("base_alert_id").asText()).as(what).isEqualTo(expected.baseAlertId());
        assertThat(correlation.path("listener").path("event_id").asText()).as(what).isEqualTo(expected.listenerEventId());
        JsonNode port = correlation.path("listener_port");
        assertThat(port.isNull() ? null : port.asInt()).as(what + ": listener port").isEqualTo(expected.port());
        if (expected.stage() == Stage.CONNECTION) {
            assertThat(correlation.at("/peer/ip").asText()).as(what + ": peer").isEqualTo(expected.peer().ip());
            assertThat(correlation.at("/peer/port").asInt()).as(what + ": peer").isEqualTo(expected.peer().port());
        } else {
            assertThat(correlation.has("peer")).as(what + ": a shell has no peer").isFalse();
            assertThat(correlation.at("/shell/name").asText()).as(what + ": shell").isNotEmpty();
        }
    }
}
