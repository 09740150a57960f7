package io.ncwatch.generate;

import java.util.List;

/**
 * What a run produced.
 *
 * @param events all events delivered to the sink
 * @param processEvents of which process events
 * @param networkEvents of which network events
 * @param fileEvents of which file events (only the sequence scenarios write them)
 * @param auditEvents of which Kubernetes audit events (only the token scenarios write them)
 * @param maliciousEvents events that belong to attack scenarios
 * @param lateEvents events delivered {@link FleetGenerator#LATENESS} behind their time
 * @param truth the alerts of the seed rule and its correlation the job must raise, in the order their
 *     source events were delivered
 * @param sequences the sequence alerts the job must raise, in the order their last events were delivered
 */
public record GenerationResult(
        long events,
        long processEvents,
        long networkEvents,
        long fileEvents,
        long auditEvents,
        long maliciousEvents,
        long lateEvents,
        List<ExpectedAlert> truth,
        List<ExpectedSequence> sequences) {}
