package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ncwatch.harness.MiniClusters;
import io.ncwatch.testing.ElasticsearchServer;
import io.ncwatch.testing.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against the secured broker (SASL_SSL, SCRAM-SHA-512, ACLs) when something is wrong: a wrong password,
 * a trust store without the broker's CA or an output it may not write stops it at start with a message naming the setting, and no password reaches
 * the logs. The run that works is {@link NcwatchJobIT}'s.
 */
class KafkaSecurityIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final String NAMESPACE = "kafkasecit" + Long.toString(System.currentTimeMillis(), 36);

    @TempDir
    Path dir;

    @Test
    void aWrongPasswordStopsTheJobAtStartNamingTheSettings() throws Exception {
        KafkaServer kafka = KafkaServer.sharedSecured();
        String name = job(kafka);
        Path wrong = Files.writeString(dir.resolve("kafka-password"), "Wr0ngPassw0rdForNcwatch");
        Map<String, String> settings = BoundedRunSettings.of(name, NAMESPACE, kafka, ElasticsearchServer.shared());
        settings.put("kafka.sasl.password", "file:" + wrong);

        try (CapturedLogs logs = new CapturedLogs()) {
            assertThatThrownBy(() -> NcwatchJob.runJob(JobConfig.load(NcwatchJob.DEFAULT_JOB, settings)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Authentication failed")
                    .hasMessageEndingWith("(check kafka.sasl.username and kafka.sasl.password)")
                    .hasMessageNotContaining("Wr0ngPassw0rdForNcwatch");
            assertThat(logs.lines()).noneMatch(line -> line.contains("Wr0ngPassw0rdForNcwatch"));
        }
    }

    @Test
    void aBrokerCertificateOfACaTheTrustStoreDoesNotHoldStopsTheJobAtStart() throws Exception {
        KafkaServer kafka = KafkaServer.sharedSecured();
        String name = job(kafka);
        Map<String, String> settings = BoundedRunSettings.of(name, NAMESPACE, kafka, ElasticsearchServer.shared());
        settings.put("kafka.tls.truststore", otherCa().toString());

        assertThatThrownBy(() -> NcwatchJob.runJob(JobConfig.load(NcwatchJob.DEFAULT_JOB, settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SSL handshake failed")
                .hasMessageEndingWith("(check kafka.tls.truststore: the brokers' certificates must be signed by a CA it"
                        + " holds and name the host)");
    }

    @Test
    void anOutputTopicTheAclsDoNotLetItWriteStopsTheJobAtStart() throws Exception {
        KafkaServer kafka = KafkaServer.sharedSecured();
        String name = job(kafka);
        // A mistake an operator makes: alerts to a topic the job may only read.
        Map<String, String> settings = BoundedRunSettings.of(name, NAMESPACE, kafka, ElasticsearchServer.shared());
        settings.put("kafka.topics.alerts", name + ".network-events");

        assertThatThrownBy(() -> NcwatchJob.runJob(JobConfig.load(NcwatchJob.DEFAULT_JOB, settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Kafka ACLs at " + kafka.bootstrapServers() + " do not let the user of kafka.sasl.username write "
                        + name + ".network-events: grant it, or set the job's topics to ones it may use");
    }

    @Test
    void anOutputTopicItMayNotSeeNorCreateStopsTheJobAtStart() throws Exception {
        KafkaServer kafka = KafkaServer.sharedSecured();
        String name = job(kafka);
        Map<String, String> settings = BoundedRunSettings.of(name, NAMESPACE, kafka, ElasticsearchServer.shared());
        settings.put("kafka.topics.alerts", "someone-elses.alerts");

        assertThatThrownBy(() -> NcwatchJob.runJob(JobConfig.load(NcwatchJob.DEFAULT_JOB, settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot create Kafka topic someone-elses.alerts at " + kafka.bootstrapServers()
                        + ": Authorization failed. (the ACLs do not let the user of kafka.sasl.username do this)");
    }

    @Test
    void theKafkaClientsLogTheirSettingsWithThePasswordHidden() throws Exception {
        KafkaServer kafka = KafkaServer.sharedSecured();
        String name = job(kafka);
        String password = Files.readString(Path.of(kafka.jobSettings().get("kafka.sasl.password").substring("file:".length())));

        try (CapturedLogs logs = new CapturedLogs()) {
            NcwatchJob.runJob(JobConfig.load(NcwatchJob.DEFAULT_JOB,
                    BoundedRunSettings.of(name, NAMESPACE, kafka, ElasticsearchServer.shared())));

            assertThat(logs.lines()).anyMatch(line -> line.startsWith("ProducerConfig values:") && line.contains("sasl.jaas.config = [hidden]"))
                    .anyMatch(line -> line.startsWith("ConsumerConfig values:") && line.contains("sasl.jaas.config = [hidden]"))
                    .noneMatch(line -> line.contains(password));
        }
    }

    /** A real CA that did not sign the broker's certificate: the first of the JVM's own trust store, as PEM. */
    private Path otherCa() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        X509Certificate ca = Arrays.stream(trust.getTrustManagers())
                .flatMap(manager -> Arrays.stream(((X509TrustManager) manager).getAcceptedIssuers()))
                .findFirst().orElseThrow();
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ca.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(dir.resolve("other-ca.pem"), pem);
    }

    /** A job of its own on the secured broker: its topics and the ACLs of user ncwatch. */
    private static String job(KafkaServer kafka) {
        String name = "kafkasecit-" + System.nanoTime();
        kafka.prepareJob(name);
        return name;
    }
}
