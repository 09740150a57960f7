package io.ncwatch.testing;

import java.time.Instant;

/** Small ECS documents shaped like Defend for Containers process events and Elastic Defend network events. */
public final class EcsJson {
    public static final Instant T0 = Instant.parse("2026-11-28T06:12:00Z");

    private EcsJson() {}

    public static String at(long secondsAfterT0) {
        return T0.plusMillis(secondsAfterT0 * 1000).toString();
    }

    /** A process exec; entity ids are {@code container + "/" + pid}. */
    public static String exec(String id, long second, String container, long pid, long parentPid, String parentName, String... args) {
        return process(id, second, container, "exec", "start", pid, parentPid, parentName, args);
    }

    public static String end(String id, long second, String container, long pid, long parentPid, String parentName, String... args) {
        return process(id, second, container, "end", "end", pid, parentPid, parentName, args);
    }

    private static String process(String id, long second, String container, String action, String type, long pid,
            long parentPid, String parentName, String... args) {
        String name = args[0].substring(args[0].lastIndexOf('/') + 1);
        return "{\"@timestamp\":\"" + at(second) + "\","
                + "\"event\":{\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"" + type + "\"],"
                + "\"action\":\"" + action + "\",\"id\":\"" + id + "\"},"
                + "\"process\":{\"entity_id\":\"" + container + "/" + pid + "\",\"pid\":" + pid + ",\"name\":\"" + name + "\","
                + "\"executable\":\"/usr/bin/" + name + "\",\"args\":" + array(args) + ","
                + "\"parent\":{\"entity_id\":\"" + container + "/" + parentPid + "\",\"pid\":" + parentPid
                + ",\"name\":\"" + parentName + "\"},"
                + "\"session_leader\":{\"entity_id\":\"" + container + "/10\",\"pid\":10,\"name\":\"bash\"},"
                + "\"entry_leader\":{\"entity_id\":\"" + container + "/1\",\"pid\":1,\"name\":\"containerd-shim\"},"
                + "\"user\":{\"id\":0}},"
                + "\"container\":{\"id\":\"" + container + "\",\"image.name\":\"registry.example/" + container + "\"},"
                + "\"host\":{\"name\":\"node-17\"}}";
    }

    /**
     * An accepted inbound connection of process {@code pid} (null: the producer gave no process) on local
     * {@code port}.
     */
    public static String accepted(String id, long second, String container, Long pid, String peer, int peerPort, int port) {
        String process = pid == null ? "" : "\"process\":{\"entity_id\":\"" + container + "/" + pid + "\",\"pid\":" + pid + "},";
        return "{\"@timestamp\":\"" + at(second) + "\","
                + "\"event\":{\"kind\":\"event\",\"category\":[\"network\"],\"type\":[\"start\"],"
                + "\"action\":\"connection_accepted\",\"id\":\"" + id + "\"}," + process
                + "\"source\":{\"ip\":\"" + peer + "\",\"port\":" + peerPort + "},"
                + "\"destination\":{\"ip\":\"10.42.3.17\",\"port\":" + port + "},"
                + "\"network\":{\"transport\":\"tcp\",\"type\":\"ipv4\"},"
                + "\"container\":{\"id\":\"" + container + "\"},\"host\":{\"name\":\"node-17\"}}";
    }

    private static String array(String... values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            json.append(json.length() == 1 ? "" : ",").append('"').append(value).append('"');
        }
        return json.append(']').toString();
    }
}
