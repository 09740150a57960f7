package io.ncwatch.generate;

import io.ncwatch.alert.AlertId;
import io.ncwatch.record.Stage;

/**
 * One alert the job must raise over the generated traffic: one line of the ground truth.
 *
 * @param ruleId the seed rule's {@code rule_id}
 * @param stage {@code rule} (the listener's own detection), {@code connection} or {@code shell}
 * @param containerId the container it happens in
 * @param sourceEventId the {@code event.id} of the event that raises it: the listener's start for
 *     {@code rule}, the {@code connection_accepted} event for {@code connection}, the shell's exec for
 *     {@code shell}
 * @param listenerEventId the {@code event.id} of the listener's start (equal to the source for {@code rule})
 * @param port the listener's port as its arguments give it, or null when they give none
 * @param peer the remote side of the accepted connection ({@code connection} only, else null)
 */
public record ExpectedAlert(
        String ruleId,
        Stage stage,
        String containerId,
        String sourceEventId,
        String listenerEventId,
        Integer port,
        Peer peer) {

    /** The seed rule, "Netcat Listener Established Inside A Container". */
    public static final String SEED_RULE_ID = "a52a9439-d52c-401c-be37-2785235c6547";

    /** The document id the job gives this alert (generated events all carry an {@code event.id}). */
    public String alertId() {
        return AlertId.of(ruleId, "event.id:" + sourceEventId, stage);
    }

    /** The id of the listener's own rule alert, which a correlated alert names as its base. */
    public String baseAlertId() {
        return AlertId.of(ruleId, "event.id:" + listenerEventId, Stage.RULE);
    }

    /** The address that opened the connection: {@code source.ip} and {@code source.port}. */
    public record Peer(String ip, int port) {}
}
