package io.ncwatch.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the events of one episode in one container (a probe, a cron run, an attack): the processes it
 * starts and what they do, on its own clock.
 */
final class Episode {
    private final Planner planner;
    final FleetContainer container;
    final SplittableRandom random;
    private final boolean network;
    private final boolean malicious;
    private final List<PlannedEvent> events = new ArrayList<>();
    private final List<PlannedSequence> sequences = new ArrayList<>();
    private long now;

    Episode(Planner planner, FleetContainer container, long start, boolean network, boolean malicious) {
        this.planner = planner;
        this.container = container;
        this.random = planner.random;
        this.network = network;
        this.malicious = malicious;
        this.now = start;
    }

    List<PlannedEvent> events() {
        return events;
    }

    /** The sequences the episode plays, for the ground truth. */
    List<PlannedSequence> sequences() {
        return sequences;
    }

    /** Records that {@code members}, in this order, play {@code behaviour} joined by {@code joinKeys}. */
    void sequence(ExpectedSequence.Behaviour behaviour, List<String> joinKeys, PlannedEvent... members) {
        sequences.add(new PlannedSequence(behaviour, joinKeys, List.of(members)));
    }

    /** Advances the clock by a random time in [min, max] milliseconds. */
    Episode pause(long minMillis, long maxMillis) {
        now += minMillis + random.nextLong(maxMillis - minMillis + 1);
        return this;
    }

    /** A child of {@code parent} in its session and process group: fork merged with exec, as the sensor reports it. */
    ProcessEvent exec(SimProcess parent, Command command) {
        return execAs(parent, command, parent.userId);
    }

    /** A child of {@code parent} that runs as another user (after {@code runuser}, {@code su}). */
    ProcessEvent execAs(SimProcess parent, Command command, int userId) {
        return exec(spawn(parent, command, parent.sessionLeader, parent.groupLeader, parent.interactive,
                userId, parent.workingDirectory));
    }

    /** A command an interactive shell runs as its own job: it leads a new process group. */
    ProcessEvent execJob(SimProcess shell, Command command) {
        return exec(spawn(shell, command, shell.sessionLeader, null, shell.interactive, shell.userId,
                shell.workingDirectory));
    }

    /** A process entered from outside through the runtime (exec probe, kubectl exec): a session of its own. */
    ProcessEvent execEntered(Command command, boolean interactive, int userId, String workingDirectory) {
        return exec(spawn(container.shim, command, null, null, interactive, userId, workingDirectory));
    }

    /** The exec of a process that already exists in the container's tree (its start). */
    ProcessEvent exec(SimProcess process) {
        return processEvent(ProcessEvent.Action.EXEC, process, 0);
    }

    /** A fork reported on its own: a copy of {@code parent} in a new process. */
    SimProcess fork(SimProcess parent) {
        SimProcess child = spawn(parent, parent.command, parent.sessionLeader, parent.groupLeader,
                parent.interactive, parent.userId, parent.workingDirectory);
        processEvent(ProcessEvent.Action.FORK, child, 0);
        return child;
    }

    /** A fork of {@code shell} reported on its own, then the child's exec of {@code command} a little later. */
    ProcessEvent forkThenExec(SimProcess shell, Command command) {
        SimProcess forked = fork(shell);
        pause(0, 2);
        SimProcess child = new SimProcess(container, forked.entityId, forked.pid, command, forked.workingDirectory,
                forked.start, forked.interactive, forked.userId, forked.groupId, shell, shell.sessionLeader, null,
                container.shim);
        return exec(child);
    }

    void end(SimProcess process, int exitCode) {
        processEvent(ProcessEvent.Action.END, process, exitCode);
    }

    /** {@code process} creates, deletes or opens the file at {@code path}. */
    FileEvent file(FileEvent.Action action, SimProcess process, String path) {
        long seq = planner.nextSeq();
        return add(new FileEvent(now, seq, planner.ids.eventId(seq), container, action, process, path));
    }

    /**
     * The API server logs a request of the service account of the pod named {@code podName} (this
     * episode's pod, or another's) for {@code resource} in the container's namespace.
     */
    AuditEvent apiRequest(String podName, String verb, String resource) {
        long seq = planner.nextSeq();
        String uri = "/api/v1/namespaces/" + container.app.namespace() + "/" + resource;
        return add(new AuditEvent(now, seq, planner.ids.eventId(seq), container, podName, verb, resource, uri));
    }

    /** {@code process} accepts a connection from {@code peerIp} on its {@code localPort}; null without network events. */
    NetworkEvent accepted(SimProcess process, String peerIp, int localPort) {
        if (!network) {
            return null;
        }
        return networkEvent(NetworkEvent.Action.CONNECTION_ACCEPTED, "ingress", process, peerIp, ephemeralPort(),
                container.podIp, localPort);
    }

    /** {@code process} connects out from {@code localPort}; null without network events. */
    NetworkEvent attempted(SimProcess process, String remoteIp, int remotePort, int localPort) {
        if (!network) {
            return null;
        }
        return networkEvent(NetworkEvent.Action.CONNECTION_ATTEMPTED, "egress", process, container.podIp, localPort,
                remoteIp, remotePort);
    }

    NetworkEvent attempted(SimProcess process, String remoteIp, int remotePort) {
        return attempted(process, remoteIp, remotePort, ephemeralPort());
    }

    /** The far side closes {@code connection} (nothing when it is null: no network events). */
    void disconnect(NetworkEvent connection) {
        if (connection != null) {
            networkEvent(NetworkEvent.Action.DISCONNECT_RECEIVED, connection.direction, connection.process,
                    connection.sourceIp, connection.sourcePort, connection.destinationIp, connection.destinationPort);
        }
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    int ephemeralPort() {
        return 32768 + random.nextInt(28232);
    }

    private SimProcess spawn(SimProcess parent, Command command, SimProcess sessionLeader, SimProcess groupLeader,
            boolean interactive, int userId, String workingDirectory) {
        int pid = container.nextPid(random);
        return new SimProcess(container, planner.ids.entityId(container.index, pid), pid, command, workingDirectory,
                now, interactive, userId, userId, parent, sessionLeader, groupLeader,
                container.shim);
    }

    private ProcessEvent processEvent(ProcessEvent.Action action, SimProcess process, int exitCode) {
        long seq = planner.nextSeq();
        return add(new ProcessEvent(now, seq, planner.ids.eventId(seq), container, action, process, exitCode));
    }

    private NetworkEvent networkEvent(NetworkEvent.Action action, String direction, SimProcess process,
            String sourceIp, int sourcePort, String destinationIp, int destinationPort) {
        long seq = planner.nextSeq();
        return add(new NetworkEvent(now, seq, planner.ids.eventId(seq), container, action, direction, process,
                sourceIp, sourcePort, destinationIp, destinationPort));
    }

    private <E extends PlannedEvent> E add(E event) {
        event.malicious = malicious;
        events.add(event);
        now += 1 + random.nextInt(3);
        return event;
    }
}
