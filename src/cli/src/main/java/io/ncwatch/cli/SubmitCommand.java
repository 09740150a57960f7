package io.ncwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ncwatch.job.CommandLineStyle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code ncwatch submit}: uploads the job jar to a Flink cluster's REST API ({@code /jars/upload}),
 * runs it ({@code /jars/<id>/run}) and prints the job id.
 */
@Command(name = "submit", synopsisHeading = "usage: ", descriptionHeading = "%n",
        customSynopsis = "ncwatch submit [--flink URL] [--jar PATH] [--] [job arguments...]",
        description = {"submit the job jar to a Flink cluster (the local stack's by default)",
            "Uploads the job jar to a Flink cluster's REST API, runs it with the job arguments, and "
                    + "prints the job id. The first argument that is none of the options below starts the job's "
                    + "arguments, for example: ncwatch submit --kafka localhost:9092 --es http://localhost:9200"},
        parameterListHeading = "%narguments:%n",
        optionListHeading = "%noptions:%n",
        footerHeading = "%n",
        footer = "exit status: 0 submitted, 1 Flink refused or could not be reached, 2 usage or no jar")
public final class SubmitCommand implements Callable<Integer> {
    static final int SUBMITTED = 0;
    static final int FAILED = 1;
    static final int USAGE = CommandLineStyle.USAGE;

    /** The jar {@code mvn package} builds, in the checkout that bin/ncwatch names as ncwatch.home. */
    static final Path DEFAULT_JAR = Path.of(System.getProperty("ncwatch.home", "."), "target", "ncwatch-0.1.0.jar");

    @Mixin
    CommandLineStyle.Help help;

    @Option(names = "--flink", paramLabel = "URL",
            description = "the cluster's REST API (default ${DEFAULT-VALUE}: bin/ncwatch stack up)")
    String flink = "http://localhost:8081";

    @Option(names = "--jar", paramLabel = "PATH", description = "the job jar (default target/ncwatch-0.1.0.jar of this checkout)")
    Path jar = DEFAULT_JAR;

    @Parameters(paramLabel = "job arguments", description = "the arguments of the job's main method")
    List<String> jobArgs = new ArrayList<>();

    @Unmatched
    List<String> unmatched = new ArrayList<>();

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

    /** The job's arguments begin at the first argument that is not one of submit's own options. */
    @Spec
    void spec(CommandSpec spec) {
        spec.parser().stopAtUnmatched(true).stopAtPositional(true);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            err.println("ncwatch submit: no job jar at " + jar + ": build it with mvn -DskipTests package");
            return USAGE;
        }
        String url = flink.replaceAll("/+$", "");
        List<String> arguments = new ArrayList<>(unmatched);
        arguments.addAll(jobArgs);
        try {
            String jarId = upload(url);
            JsonNode run = post(url + "/jars/" + jarId + "/run",
                    json.writeValueAsBytes(Map.of("programArgsList", arguments)), "application/json");
            String jobId = run.path("jobid").asText();
            out.println(jobId);
            err.printf("ncwatch submit: job %s is running: %s/#/job/running/%s/overview%n", jobId, url, jobId);
            return SUBMITTED;
        } catch (ConnectException e) {
            err.printf("ncwatch submit: cannot reach Flink at %s (is it up? bin/ncwatch stack up)%n", url);
            return FAILED;
        } catch (FlinkRefusedException e) {
            err.println("ncwatch submit: " + e.getMessage());
            return FAILED;
        }
    }

    /** Uploads the jar as the multipart form Flink expects; returns the id Flink gives it. */
    private String upload(String url) throws IOException, InterruptedException {
        String boundary = "ncwatch-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = post(url + "/jars/upload", body.toByteArray(),
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
