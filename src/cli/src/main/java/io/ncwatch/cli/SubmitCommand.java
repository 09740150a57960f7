package io.ncwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ncwatch submit}: uploads the job jar to a Flink cluster's REST API ({@code /jars/upload}),
 * runs it ({@code /jars/<id>/run}) and prints the job id.
 */
public final class SubmitCommand implements Main.Command {
    static final int SUBMITTED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** The jar {@code mvn package} builds, in the checkout that bin/ncwatch names as ncwatch.home. */
    static final Path DEFAULT_JAR = Path.of(System.getProperty("ncwatch.home", "."), "target", "ncwatch-0.1.0.jar");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PrintStream out;
    private final PrintStream err;

    public SubmitCommand() {
        this(System.out, System.err);
    }

    /** Prints the job id to OUT and what went wrong to ERR. */
    public SubmitCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String summary() {
        return "submit the job jar to a Flink cluster (the local stack's by default)";
    }

    @Override
    public int run(String[] args) throws IOException, InterruptedException {
        SubmitOptions options;
        try {
            options = SubmitOptions.parse(args, DEFAULT_JAR);
        } catch (IllegalArgumentException e) {
            err.println("submit: " + e.getMessage());
            err.print(SubmitOptions.USAGE);
            return USAGE;
        }
        if (options.help()) {
            out.print(SubmitOptions.USAGE);
            return SUBMITTED;
        }
        if (!Files.isRegularFile(options.jar())) {
            err.println("submit: no job jar at " + options.jar() + ": build it with mvn -DskipTests package");
            return USAGE;
        }
        try {
            String jarId = upload(options);
            JsonNode run = post(options.flink() + "/jars/" + jarId + "/run",
                    json.writeValueAsBytes(Map.of("programArgsList", options.jobArgs())), "application/json");
            String jobId = run.path("jobid").asText();
            out.println(jobId);
            err.printf("submit: job %s is running: %s/#/job/running/%s/overview%n", jobId, options.flink(), jobId);
            return SUBMITTED;
        } catch (ConnectException e) {
            err.printf("submit: cannot reach Flink at %s (is it up? bin/ncwatch stack up)%n", options.flink());
            return FAILED;
        } catch (FlinkRefusedException e) {
            err.println("submit: " + e.getMessage());
            return FAILED;
        }
    }

    /** Uploads the jar as the multipart form Flink expects; returns the id Flink gives it. */
    private String upload(SubmitOptions options) throws IOException, InterruptedException {
        String boundary = "ncwatch-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + options.jar().getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(options.jar()));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = post(options.flink() + "/jars/upload", body.toByteArray(),
                "multipart/form-data; boundary=" + boundary);
        String stored = uploaded.path("filename").asText();
        return stored.substring(stored.lastIndexOf('/') + 1);
    }

    private JsonNode post(String url, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        if (response.statusCode() >= 300) {
            JsonNode errors = answer.path("errors");
            throw new FlinkRefusedException("Flink answered " + response.statusCode() + " to " + url + ": "
                    + (errors.isMissingNode() ? response.body() : errors.toString()));
        }
        return answer;
    }

    /** Flink answered with an error status. */
    private static final class FlinkRefusedException extends IOException {
        FlinkRefusedException(String message) {
            super(message);
        }
    }
}
