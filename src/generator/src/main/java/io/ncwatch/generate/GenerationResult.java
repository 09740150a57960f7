package io.ncwatch.generate;

import java.util.List;

/**
 * What a run produced.
 *
 * @param events all events delivered to the sink
 * @param processEvents of which process events
 * @param networkEvents of which network events
 * @param maliciousEvents events that belong to attack scenarios
 * @param lateEvents events delivered {@link FleetGenerator#LATENESS} behind their time
 * @param truth the alerts the job must raise, in the order their source events were delivered
 */
public record GenerationResult(
        long events,
        long processEvents,
        long networkEvents,
        long maliciousEvents,
        long lateEvents,
        List<ExpectedAlert> truth) {}
