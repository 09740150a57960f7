package io.ncwatch.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    @Test
    void plaintextGivesOnlyTheAddressAndTheProtocol() {
        assertThat(KafkaSecurity.from(new Configuration()).clientProperties("kafka:9092"))
                .containsExactly(Map.entry("bootstrap.servers", "kafka:9092"), Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslSslLogsInWithScramAndLeavesThePasswordAReferenceForTheClient() {
        Map<String, String> properties = security(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.username", "ncwatch", "kafka.sasl.password", "file:/run/secrets/kafka-password",
                "kafka.tls.truststore", "/etc/ncwatch/kafka-ca.pem")).clientProperties("kafka:9093");

        assertThat(properties)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"ncwatch\" password=\"${ncwatch-secret:file:/run/secrets/kafka-password}\";")
                .containsEntry("config.providers", "ncwatch-secret")
                .containsEntry("config.providers.ncwatch-secret.class", SecretConfigProvider.class.getName())
                .containsEntry("ssl.truststore.location", "/etc/ncwatch/kafka-ca.pem")
                .containsEntry("ssl.truststore.type", "PEM");
    }

    @Test
    void aPasswordGivenInlineIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> security(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.username", "ncwatch", "kafka.sasl.password", "hunter2-inline")))
                .hasMessageStartingWith("kafka.sasl.password: a secret is given as env:VARIABLE or file:PATH")
                .hasMessageNotContaining("hunter2-inline");
    }

    @Test
    void saslWithoutCredentialsNamesTheMissingSettings() {
        assertThatThrownBy(() -> security(Map.of("kafka.security.protocol", "SASL_SSL")))
                .hasMessage("kafka.security.protocol SASL_SSL needs kafka.sasl.username and kafka.sasl.password");
    }

    @Test
    void anUnknownProtocolOrMechanismIsNamed() {
        assertThatThrownBy(() -> security(Map.of("kafka.security.protocol", "TLS")))
                .hasMessage("kafka.security.protocol is one of [PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL], not TLS");
        assertThatThrownBy(() -> security(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "GSSAPI",
                "kafka.sasl.username", "ncwatch", "kafka.sasl.password", "env:KAFKA_PASSWORD")))
                .hasMessage("kafka.sasl.mechanism is one of [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512], not GSSAPI");
    }

    private static KafkaSecurity security(Map<String, String> settings) {
        return KafkaSecurity.from(Configuration.fromMap(settings));
    }
}
