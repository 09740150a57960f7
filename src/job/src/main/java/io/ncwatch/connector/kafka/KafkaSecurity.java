package io.ncwatch.connector.kafka;

import io.ncwatch.connector.Secret;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How Kafka clients prove who they are and whom they trust. The password is a reference ({@code env:} or
 * {@code file:}, see {@link Secret}) that the client resolves when it starts, through
 * {@link SecretConfigProvider}: the value is neither in the job graph nor in any configuration Kafka logs.
 *
 * @param protocol Kafka's {@code security.protocol}
 * @param username SASL user; or null
 * @param password SASL password, by reference; or null
 * @param truststore certificates of the CAs that signed the brokers' certificates; or null: the JVM's
 */
public record KafkaSecurity(String protocol, String mechanism, String username, String password, String truststore,
        String truststoreType) implements Serializable {

    public static final ConfigOption<String> PROTOCOL = ConfigOptions.key("kafka.security.protocol")
            .stringType().defaultValue("PLAINTEXT")
            .withDescription("PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
    public static final ConfigOption<String> MECHANISM = ConfigOptions.key("kafka.sasl.mechanism")
            .stringType().defaultValue("SCRAM-SHA-512")
            .withDescription("SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
    public static final ConfigOption<String> USERNAME = ConfigOptions.key("kafka.sasl.username")
            .stringType().noDefaultValue()
            .withDescription("SASL user");
    public static final ConfigOption<String> PASSWORD = ConfigOptions.key("kafka.sasl.password")
            .stringType().noDefaultValue()
            .withDescription("SASL password, as env:VARIABLE or file:PATH");
    public static final ConfigOption<String> TRUSTSTORE = ConfigOptions.key("kafka.tls.truststore")
            .stringType().noDefaultValue()
            .withDescription("the CA certificates that signed the brokers' certificates; none given: the JVM's trust store");
    public static final ConfigOption<String> TRUSTSTORE_TYPE = ConfigOptions.key("kafka.tls.truststore-type")
            .stringType().defaultValue("PEM")
            .withDescription("PEM, JKS or PKCS12");

    private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    /**
     * @throws IllegalArgumentException naming the setting that is unknown, missing or given inline
     */
    public KafkaSecurity {
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException(PROTOCOL.key() + " is one of " + PROTOCOLS + ", not " + protocol);
        }
        if (sasl(protocol)) {
            if (!LOGIN_MODULES.containsKey(mechanism)) {
                throw new IllegalArgumentException(MECHANISM.key() + " is one of " + LOGIN_MODULES.keySet().stream().sorted().toList()
                        + ", not " + mechanism);
            }
            if (username == null || password == null) {
                throw new IllegalArgumentException(PROTOCOL.key() + " " + protocol + " needs " + USERNAME.key() + " and "
                        + PASSWORD.key());
            }
            try {
                Secret.parse(password);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PASSWORD.key() + ": " + e.getMessage());
            }
        }
    }

    public static List<ConfigOption<?>> options() {
        return List.of(PROTOCOL, MECHANISM, USERNAME, PASSWORD, TRUSTSTORE, TRUSTSTORE_TYPE);
    }

    public static KafkaSecurity from(ReadableConfig config) {
        return new KafkaSecurity(config.get(PROTOCOL), config.get(MECHANISM), config.get(USERNAME), config.get(PASSWORD),
                config.get(TRUSTSTORE), config.get(TRUSTSTORE_TYPE));
    }

    /** No authentication, no encryption: a broker on a trusted network. */
    public static KafkaSecurity plaintext() {
        return new KafkaSecurity(PROTOCOL.defaultValue(), MECHANISM.defaultValue(), null, null, null, TRUSTSTORE_TYPE.defaultValue());
    }

    /**
     * The properties of a Kafka client of {@code bootstrapServers} with these settings; the password stays a
     * reference for the client to resolve.
     */
    public Map<String, String> clientProperties(String bootstrapServers) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("security.protocol", protocol);
        if (sasl(protocol)) {
            properties.put("sasl.mechanism", mechanism);
            properties.put("sasl.jaas.config", LOGIN_MODULES.get(mechanism) + " required username=\"" + SecretConfigProvider.quoted(username)
                    + "\" password=\"" + SecretConfigProvider.variable(password) + "\";");
            properties.putAll(SecretConfigProvider.registration());
        }
        if (protocol.endsWith("SSL") && truststore != null) {
            properties.put("ssl.truststore.location", truststore);
            properties.put("ssl.truststore.type", truststoreType);
        }
        return properties;
    }

    private static boolean sasl(String protocol) {
        return protocol.startsWith("SASL_");
    }
}
