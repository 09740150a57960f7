package io.ncwatch.connector.kafka;

import io.ncwatch.connector.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * Resolves {@code ${ncwatch-secret:env:NAME}} and {@code ${ncwatch-secret:file:PATH}} in a Kafka client's
 * configuration when the client starts, on the machine that runs it, by {@link Secret}: a job graph or a
 * command line carries the reference only. Values are quoted for the JAAS string they stand in.
 */
public final class SecretConfigProvider implements ConfigProvider {
    private static final String ALIAS = "ncwatch-secret";

    /** The client properties that register this provider. */
    static Map<String, String> registration() {
        return Map.of("config.providers", ALIAS, "config.providers." + ALIAS + ".class", SecretConfigProvider.class.getName());
    }

    /** The variable the client replaces with the secret of {@code reference} ({@code env:NAME} or {@code file:PATH}). */
    static String variable(String reference) {
        return "${" + ALIAS + ":" + reference + "}";
    }

    /** {@code value} inside a double-quoted JAAS option value: backslashes and quotes escaped. */
    static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: a reference says where its secret is
    }

    @Override
    public ConfigData get(String path) {
        return new ConfigData(Map.of());
    }

    /** Kafka splits {@code env:NAME} into path {@code env} and key {@code NAME}. */
    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            values.put(key, quoted(Secret.parse(path + ":" + key).read()));
        }
        return new ConfigData(values);
    }

    @Override
    public void close() {
        // holds nothing
    }
}
