package io.ncwatch.generate;

/** A Defend for Containers process event: a fork, an exec or an end. */
final class ProcessEvent extends PlannedEvent {
    enum Action {
        FORK("fork", "start", "tracepoint__sched_process_fork"),
        EXEC("exec", "start", "tracepoint__sched_process_exec"),
        END("end", "end", "kprobe__taskstats_exit");

        final String name;
        final String type;
        final String hookPoint;

        Action(String name, String type, String hookPoint) {
            this.name = name;
            this.type = type;
            this.hookPoint = hookPoint;
        }
    }

    final Action action;
    final SimProcess process;
    final int exitCode;
    /** Set on delivery: whether the seed rule matches this event. */
    boolean raisesRule;

    ProcessEvent(long timestamp, long seq, String eventId, FleetContainer container, Action action,
            SimProcess process, int exitCode) {
        super(timestamp, seq, eventId, container);
        this.action = action;
        this.process = process;
        this.exitCode = exitCode;
    }

    @Override
    EventKind kind() {
        return EventKind.PROCESS;
    }
}
