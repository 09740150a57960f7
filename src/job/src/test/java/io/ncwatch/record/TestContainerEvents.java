package io.ncwatch.record;


/** Decoded events, as the decoder hands them to the per-container stages, for harness tests. */
public final class TestContainerEvents {
    public static final String RULE = "a52a9439-d52c-401c-be37-2785235c6547";

    private TestContainerEvents() {}

    /** A process exec; its entity id is {@code "ent-" + pid}, its parent's {@code "ent-" + parentPid}. */
    public static ContainerEvent exec(String container, long time, long pid, long parentPid, String... args) {
        ContainerEvent event = base(container, time, "exec", new String[] {"process"}, new String[] {"start"});
        event.processEntityId = "ent-" + pid;
        event.processPid = pid;
        event.processName = args[0].substring(args[0].lastIndexOf('/') + 1);
        event.processExecutable = args[0].startsWith("/") ? args[0] : "/usr/bin/" + args[0];
        event.processArgs = args;
        event.parentEntityId = "ent-" + parentPid;
        event.parentPid = parentPid;
        event.userId = "0";
        return event;
    }

    /** An exec the listener rule matched. */
    public static ContainerEvent listener(String container, long time, long pid, long parentPid, String... args) {
        ContainerEvent event = exec(container, time, pid, parentPid, args);
        event.matchedRules = new String[] {RULE};
        event.raw = ("{\"event\":{\"id\":\"" + event.eventId + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return event;
    }

    public static ContainerEvent end(String container, long time, long pid, long parentPid) {
        ContainerEvent event = base(container, time, "end", new String[] {"process"}, new String[] {"end"});
        event.processEntityId = "ent-" + pid;
        event.processPid = pid;
        event.parentEntityId = "ent-" + parentPid;
        event.parentPid = parentPid;
        return event;
    }

    /** A network event: {@code peer} connected to {@code port} of process {@code pid}. */
    public static ContainerEvent accepted(String container, long time, long pid, String peer, long peerPort, long port) {
        ContainerEvent event = base(container, time, "connection_accepted", new String[] {"network"}, new String[] {"start"});
        event.processEntityId = "ent-" + pid;
        event.processPid = pid;
        event.sourceIp = peer;
        event.sourcePort = peerPort;
        event.destinationPort = port;
        return event;
    }

    private static ContainerEvent base(String container, long time, String action, String[] category, String[] type) {
        ContainerEvent event = new ContainerEvent();
        event.timestamp = time;
        event.containerId = container;
        event.eventId = container + "-" + action + "-" + time;
        event.eventAction = action;
        event.eventCategory = category;
        event.eventType = type;
        event.topic = "ncwatch.process-events";
        return event;
    }
}
