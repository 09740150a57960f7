package io.ncwatch.job;

import static io.ncwatch.job.TestEvents.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job from Kafka to an Elasticsearch with security on (the default version and 9.x), as user ncwatch with its password in a file:
 * first a password that is wrong, then the right one written into the same file. The second run writes
 * its alert and dead letter; no secret appears in what either run logged (everything at INFO, ncwatch
 * at DEBUG), printed, threw or wrote, nor in the logs of Elasticsearch or of the Kafka clients.
 */
class SecuredElasticsearchJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final String NAMESPACE = "secjobit" + Long.toString(System.currentTimeMillis(), 36);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "Elasticsearch {0}")
    @ValueSource(strings = {"", ElasticsearchServer.VERSION_9})
    void aRejectedPasswordFailsTheRunTheRotatedOneIsReadAtTheNextStartAndNoSecretIsLogged(String version) throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        ElasticsearchServer es = ElasticsearchServer.secured(version);
        String prefix = "secjobit-" + System.nanoTime();
        kafka.createTopic(prefix + ".process-events", 1);
        NcwatchJobIT.produce(kafka, prefix + ".process-events", List.of(
                exec("s1", "2026-11-28T06:12:44Z", "8c4b2f9e6a1d3c7b5e0f", "nc", "nc", "-lvnp", "4444"),
                "this is not JSON"));
        String password = Files.readString(es.passwordFile(ElasticsearchServer.USER)).strip();
        String wrongPassword = "canary-" + UUID.randomUUID();
        Path passwordFile = Files.writeString(dir.resolve("es-password"), wrongPassword);
        Map<String, String> settings = BoundedRunSettings.of(prefix, NAMESPACE, kafka, es);
        settings.put("elasticsearch.auth.username", ElasticsearchServer.USER);
        settings.put("elasticsearch.auth.password", "file:" + passwordFile);
        settings.put("elasticsearch.tls.ca-file", es.caFile().toString());
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, settings);

        List<String> output = new ArrayList<>();
        try (CapturedOutput captured = CapturedOutput.start()) {
            Throwable refused = catchThrowable(() -> NcwatchJob.runJob(config, LocalRun.flinkSettings(config)));
            assertThat(refused).as("the run with the wrong password fails").isNotNull();
            output.add(ExceptionUtils.stringifyException(refused));
            assertThat(output.get(0)).contains("elasticsearch.auth.password (file:" + passwordFile + ") (401)")
                    .as("failed without the restarts the run allows").contains("The failure is not recoverable");

            Files.writeString(passwordFile, password);
            NcwatchJob.runJob(config, LocalRun.flinkSettings(config));
            output.add(captured.text());
        }

        assertThat(es.count("logs-ncwatch.alerts-" + NAMESPACE)).isEqualTo(1);
        assertThat(es.count("logs-ncwatch.deadletter-" + NAMESPACE)).isEqualTo(1);
        output.add(es.documents("logs-ncwatch.*-" + NAMESPACE).toString());
        Stream.of(".alerts", ".deadletter").flatMap(topic -> kafka.readCommitted(prefix + topic).stream())
                .map(ConsumerRecord::value).forEach(output::add);
        output.addAll(logFiles(es.logs()));
        output.addAll(logFiles(Path.of("target")));
        String basicHeader = Base64.getEncoder().encodeToString(
                (ElasticsearchServer.USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(output).as("everything the runs printed, logged, threw and wrote")
                .noneMatch(text -> text.contains(password) || text.contains(wrongPassword) || text.contains(basicHeader));
    }

    private static List<String> logFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(file -> file.toString().endsWith(".log") || file.toString().endsWith(".json")).toList()) {
                texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
            return texts;
        }
    }

    /**
     * Standard output and error, and every log event at INFO and above (ncwatch's from DEBUG), with
     * their exceptions, while it is open; the console and the levels are as before once closed.
     */
    private static final class CapturedOutput implements AutoCloseable {
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        private final StringWriter logged = new StringWriter();
        private final LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        private final WriterAppender appender = WriterAppender.createAppender(
                PatternLayout.newBuilder().withPattern("%p %c - %m%n%ex").build(), null, logged, "captured", false, true);
        private final LoggerConfig ncwatch = new LoggerConfig("io.ncwatch", Level.DEBUG, true);
        private final Level rootLevel;

        private CapturedOutput() {
            LoggerConfig root = logging.getConfiguration().getRootLogger();
            rootLevel = root.getLevel();
            appender.start();
            root.addAppender(appender, Level.INFO, null);
            root.setLevel(Level.INFO);
            logging.getConfiguration().addLogger(ncwatch.getName(), ncwatch);
            ncwatch.addAppender(appender, Level.DEBUG, null);
            logging.updateLoggers();
            PrintStream tee = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(tee);
            System.setErr(tee);
        }

        static CapturedOutput start() {
            return new CapturedOutput();
        }

        String text() {
            return printed.toString(StandardCharsets.UTF_8) + logged;
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            LoggerConfig root = logging.getConfiguration().getRootLogger();
            root.removeAppender(appender.getName());
            root.setLevel(rootLevel);
            logging.getConfiguration().removeLogger(ncwatch.getName());
            logging.updateLoggers();
            appender.stop();
        }
    }
}
