package io.ncwatch.generate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One container of the fleet: where it runs, its entry process tree (containerd-shim, init, main
 * process), and the parts of its events that never change, serialized once.
 */
final class FleetContainer {
    private static final int FIRST_WORKLOAD_PID = 40;

    final int index;
    final String id;
    final App app;
    final Fleet.Node node;
    final String podName;
    final String podIp;
    /** When the container started: before the run, or during it (then its start is an episode). */
    final long createdAt;
    final boolean startsDuringRun;
    /** Writes {@code user.id} and {@code group.id} as numbers (as some producers do) instead of strings. */
    final boolean numericIds;
    /** Spells {@code container.image} and {@code orchestrator.resource} nested instead of dotted. */
    final boolean nestedStyle;
    final SimProcess shim;
    /** The image's init (tini, dumb-init), or null. */
    final SimProcess init;
    final SimProcess main;
    final EventJson.ContainerBlocks json;

    private int lastPid = FIRST_WORKLOAD_PID;
    private final Set<Integer> listenerPorts = new HashSet<>();

    FleetContainer(int index, String id, App app, Fleet.Node node, String podName, String podIp, long createdAt,
            boolean startsDuringRun, boolean numericIds, boolean nestedStyle, Ids ids, EventJson json) {
        this.index = index;
        this.id = id;
        this.app = app;
        this.node = node;
        this.podName = podName;
        this.podIp = podIp;
        this.createdAt = createdAt;
        this.startsDuringRun = startsDuringRun;
        this.numericIds = numericIds;
        this.nestedStyle = nestedStyle;
        Command shimCommand = Command.of("/usr/bin/containerd-shim", "containerd-shim", "-namespace", "k8s.io");
        this.shim = new SimProcess(this, ids.entityId(index, 1), 1, shimCommand, "/", createdAt - 180, false, 0, 0,
                null, null, null, null);
        SimProcess parent = shim;
        SimProcess leader = null;
        if (app.init() != null) {
            Command initCommand = new Command(app.init().executable(), concat(app.init().args(), app.main().args()), null);
            this.init = new SimProcess(this, ids.entityId(index, 7), 7, initCommand, app.workingDirectory(),
                    createdAt, false, app.userId(), app.userId(), shim, null, null, shim);
            parent = init;
            leader = init;
        } else {
            this.init = null;
        }
        int mainPid = init == null ? 7 : 13;
        this.main = new SimProcess(this, ids.entityId(index, mainPid), mainPid, app.main(), app.workingDirectory(),
                createdAt + (init == null ? 0 : 4), false, app.userId(), app.userId(), parent, leader, leader, shim);
        this.json = json.containerBlocks(this);
    }

    /** Whether workloads may run in it at {@code time} (its start episode comes first). */
    boolean runningAt(long time) {
        return time >= createdAt + 2_000;
    }

    /** A new pid: increasing, never reused within the container. */
    int nextPid(SplittableRandom random) {
        lastPid += 1 + random.nextInt(6);
        return lastPid;
    }

    /** Reserves a port for a listener; false when a listener of this container already used it. */
    boolean claimListenerPort(int port) {
        return listenerPorts.add(port);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
