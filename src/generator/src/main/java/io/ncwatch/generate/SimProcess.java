package io.ncwatch.generate;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * One process of a simulated container. Its view as somebody's parent or leader is serialized once
 * and reused by every event that names it.
 */
final class SimProcess {
    final FleetContainer container;
    final String entityId;
    final int pid;
    final Command command;
    final String workingDirectory;
    final long start;
    final boolean interactive;
    final int userId;
    final int groupId;
    final SimProcess parent;
    final SimProcess sessionLeader;
    final SimProcess groupLeader;
    final SimProcess entryLeader;

    private SerializedString asParent;
    private SerializedString asLeader;

    /**
     * @param sessionLeader null: the process leads its own session
     * @param groupLeader null: the process leads its own group
     * @param entryLeader null: the process is the container's entry leader
     */
    SimProcess(
            FleetContainer container,
            String entityId,
            int pid,
            Command command,
            String workingDirectory,
            long start,
            boolean interactive,
            int userId,
            int groupId,
            SimProcess parent,
            SimProcess sessionLeader,
            SimProcess groupLeader,
            SimProcess entryLeader) {
        this.container = container;
        this.entityId = entityId;
        this.pid = pid;
        this.command = command;
        this.workingDirectory = workingDirectory;
        this.start = start;
        this.interactive = interactive;
        this.userId = userId;
        this.groupId = groupId;
        this.parent = parent;
        this.sessionLeader = sessionLeader == null ? this : sessionLeader;
        this.groupLeader = groupLeader == null ? this : groupLeader;
        this.entryLeader = entryLeader == null ? this : entryLeader;
    }

    boolean isEntryLeader() {
        return entryLeader == this;
    }

    SerializedString asParent(EventJson json) {
        if (asParent == null) {
            asParent = json.parent(this);
        }
        return asParent;
    }

    /** This process as the session, group or entry leader of another (or of itself). */
    SerializedString asLeader(EventJson json) {
        if (asLeader == null) {
            asLeader = json.leader(this);
        }
        return asLeader;
    }
}
