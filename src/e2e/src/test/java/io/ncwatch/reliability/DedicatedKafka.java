package io.ncwatch.reliability;

import io.ncwatch.testing.KafkaServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kafka broker of a test class's own, for a test that stops its broker or loads it with hostile input:
 * the other tests share one that never sees that. Started before the class's tests, removed after them
 * with the outputs of the class's runs. Use with {@code @RegisterExtension}.
 */
final class DedicatedKafka implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private KafkaServer broker;

    /** @param name the broker's stack folder under {@code target/it-stack} */
    DedicatedKafka(String name) {
        this.name = name;
    }

    KafkaServer broker() {
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaServer.dedicated(name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FaultRun.deleteOutputs();
        broker.close();
    }
}
