package io.ncwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The real Flink session cluster of {@code bin/stack}, started once per JVM. */
public final class FlinkCluster {

    private static FlinkCluster shared;

    private final String url;
    private final Map<String, Integer> ports;

    private final Stack stack = new Stack("shared");

    private FlinkCluster(String url, Map<String, Integer> ports) {
        this.url = url;
        this.ports = ports;
    }

    /** The cluster of this JVM, started on first use: one JobManager, one TaskManager with 2 slots. */
    public static synchronized FlinkCluster shared() {
        if (shared == null) {
            List<Integer> free = FreePorts.onLoopback(2);
            Map<String, Integer> ports = Map.of("FLINK_PORT", free.get(0), "FLINK_RPC_PORT", free.get(1));
            shared = new FlinkCluster("http://localhost:" + free.get(0), ports);
            shared.stack.start("flink", ports);
        }
        return shared;
    }

    /** The REST API and Web UI, for example {@code http://localhost:41234}. */
    public String url() {
        return url;
    }

    /** The JSON answer of a GET on the REST API, for example {@code get("/overview")}. */
    public JsonNode get(String path) {
        return JsonHttp.request("GET", url + path, null);
    }

    /** Kills the TaskManager's process at once (SIGKILL), as a crashed machine would; returns when it is gone. */
    public void killTaskManager() {
        ProcessHandle taskManager = stack.process("flink", "taskmanager");
        taskManager.destroyForcibly();
        taskManager.onExit().join();
    }

    /** Starts a new TaskManager in place of the killed one; the JobManager and its jobs keep running. */
    public void startTaskManager() {
        stack.replaceTaskManager(ports);
    }
}
