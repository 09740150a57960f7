package io.ncwatch.job;

import io.ncwatch.decode.RawEvents;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Small ECS events for the job's tests, shaped like Defend for Containers process events. */
public final class TestEvents {
    public static final String SEED_RULE_ID = "a52a9439-d52c-401c-be37-2785235c6547";

    private TestEvents() {}

    public static List<Rule> seedRule() {
        return RuleFiles.load(Path.of("jobs/netcat-listener/rule.toml")).rules();
    }

    /** A process exec in a container; {@code containerId} null leaves the field out. */
    public static String exec(String eventId, String timestamp, String containerId, String name, String... args) {
        StringBuilder argList = new StringBuilder();
        for (String arg : args) {
            argList.append(argList.isEmpty() ? "" : ",").append('"').append(arg).append('"');
        }
        return "{\"@timestamp\":\"" + timestamp + "\","
                + "\"event\":{\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\","
                + "\"id\":\"" + eventId + "\"},"
                + "\"process\":{\"entity_id\":\"ent-" + eventId + "\",\"pid\":4242,\"name\":\"" + name + "\","
                + "\"executable\":\"/usr/bin/" + name + "\",\"args\":[" + argList + "],"
                + "\"parent\":{\"entity_id\":\"parent-1\",\"pid\":4200,\"name\":\"bash\"},\"user\":{\"id\":0}},"
                + (containerId == null ? "" : "\"container\":{\"id\":\"" + containerId + "\",\"image.name\":\"registry.example/payments-api\"},")
                + "\"host\":{\"name\":\"node-17\"}}";
    }

    public static RawEvent raw(String json, long offset) {
        return RawEvents.of(json.getBytes(StandardCharsets.UTF_8), "ncwatch.process-events", 0, offset);
    }
}
