package io.ncwatch.job;

import static io.ncwatch.job.TestEvents.SEED_RULE_ID;
import static io.ncwatch.job.TestEvents.exec;
import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.Await;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.FreePorts;
import io.ncwatch.testing.KafkaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster set up as {@code metrics.prometheus-port} sets up {@code ncwatch run} serves each rule's
 * figures while the job runs, as series labelled with the rule's id, read here as Prometheus reads them.
 */
class PrometheusMetricsIT {
    private static final int PORT = FreePorts.onLoopback(1).get(0);

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots(exportingTo(PORT));

    private static final String SERIES = "flink_taskmanager_job_task_operator_ncwatch_rule_";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Configuration exportingTo(int port) {
        Configuration flink = new Configuration();
        new JobConfig.Metrics(String.valueOf(port)).applyTo(flink);
        return flink;
    }

    @Test
    void eachRulesJudgementsMatchesAndAlertsAreServedWithTheRuleIdAsLabel() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String prefix = "promit-" + System.nanoTime();
        kafka.createTopic(prefix + ".process-events", 1);
        NcwatchJobIT.produce(kafka, prefix + ".process-events", List.of(
                exec("p1", "2026-11-28T06:12:40Z", "8c4b2f9e6a1d3c7b5e0f", "nc", "nc", "example.com", "80"),
                exec("p2", "2026-11-28T06:12:44Z", "8c4b2f9e6a1d3c7b5e0f", "nc", "nc", "-lvnp", "4444"),
                exec("p3", "2026-11-28T06:12:45Z", "8c4b2f9e6a1d3c7b5e0f", "ls", "ls")));
        Map<String, String> settings = BoundedRunSettings.of(prefix, "promit", kafka, ElasticsearchServer.shared());
        settings.put("kafka.bounded", "false");
        settings.put("outputs.elasticsearch", "false");
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, settings);

        JobClient job = NcwatchJob.build(config, new Configuration(), UnaryOperator.identity())
                .executeAsync(NcwatchJob.jobName(config));
        try {
            Await.until("the seed rule's alert counted", Duration.ofMinutes(2),
                    () -> ruleFigure("alerts") == 1, PrometheusMetricsIT::scrape);

            assertThat(ruleFigure("matches")).as("events the rule matched").isEqualTo(1);
            // Both nc events pass the raw-byte prefilter, and only the listener matches; ls is never judged.
            assertThat(ruleFigure("eventsJudged")).as("events the rule judged").isEqualTo(2);
            assertThat(ruleFigure("evaluationNanos")).as("time spent judging, estimated").isPositive();
        } finally {
            job.cancel().get();
        }
    }

    /** The sum over subtasks and operators of the series {@code ncwatch_rule_<name>} of the seed rule. */
    private static double ruleFigure(String name) {
        String label = "rule=\"" + SEED_RULE_ID + "\"";
        return scrape().lines()
                .filter(line -> line.startsWith(SERIES + name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String scrape() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/metrics")).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
