package io.ncwatch.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.testing.JsonHttp;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The REST API of a test's MiniCluster: what the Web UI shows of a job. */
final class MiniClusterRest {
    private final String url;

    MiniClusterRest(MiniClusterExtension flink) {
        Configuration client = flink.getClientConfiguration();
        url = "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT);
    }

    /** The JSON answer of a GET, for example {@code get("/jobs/ID/checkpoints")}. */
    JsonNode get(String path) {
        return JsonHttp.request("GET", url + path, null);
    }

    /** The vertices (operator chains) of JOB, each with its id, name and parallelism. */
    JsonNode vertices(JobID job) {
        return get("/jobs/" + job).get("vertices");
    }
}
