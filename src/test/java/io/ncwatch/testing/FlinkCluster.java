package io.ncwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The real Flink session cluster of {@code bin/stack}, started once per JVM. */
public final class FlinkCluster {

    private static FlinkCluster shared;

    private final String url;

    private FlinkCluster(String url) {
        this.url = url;
    }

    /** The cluster of this JVM, started on first use: one JobManager, one TaskManager with 2 slots. */
    public static synchronized FlinkCluster shared() {
        if (shared == null) {
            List<Integer> ports = Stack.freePorts(2);
            Stack.start("flink", Map.of("FLINK_PORT", ports.get(0), "FLINK_RPC_PORT", ports.get(1)));
            shared = new FlinkCluster("http://localhost:" + ports.get(0));
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
}
