package io.ncwatch.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretConfigProviderTest {

    @TempDir
    Path dir;

    @Test
    void aKafkaClientConfigurationReadsThePasswordFromItsFileWhenItIsMade() throws Exception {
        Path file = Files.writeString(dir.resolve("kafka-password"), "s3cr\"t\\pass\n");
        KafkaSecurity security = new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", "ncwatch", "file:" + file, null, "PEM");

        // A client parses its properties as this config does: variables resolved, the JAAS value a Password.
        AbstractConfig config = new AbstractConfig(new ConfigDef().define("sasl.jaas.config", ConfigDef.Type.PASSWORD,
                ConfigDef.Importance.HIGH, "JAAS"), security.clientProperties("kafka:9093"));

        Password jaas = config.getPassword("sasl.jaas.config");
        assertThat(jaas.value()).endsWith(" username=\"ncwatch\" password=\"s3cr\\\"t\\\\pass\";");
        assertThat(jaas.toString()).isEqualTo("[hidden]");
    }

    @Test
    void aReferenceIsReadAndQuotedForJaas() throws Exception {
        Path file = Files.writeString(dir.resolve("p"), "a\"b");
        try (SecretConfigProvider provider = new SecretConfigProvider()) {
            assertThat(provider.get("file", Set.of(file.toString())).data()).isEqualTo(Map.of(file.toString(), "a\\\"b"));
        }
    }
}
