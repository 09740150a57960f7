package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {
    private static final String WRITE = "mvn -B -q -pl src/job -am test -Dtest=ConfigurationReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dncwatch.write-docs=true";

    @Test
    void docsConfigurationMdListsTheSettingsAsTheCodeDeclaresThem() throws IOException {
        String declared = ConfigurationReference.markdown();
        if (Boolean.getBoolean("ncwatch.write-docs")) {
            Files.writeString(ConfigurationReference.FILE, declared);
        }

        assertThat(Files.readString(ConfigurationReference.FILE))
                .as("docs/configuration.md is stale; write it again with: " + WRITE)
                .isEqualTo(declared);
    }

    @Test
    void listsEverySettingWithItsOptionAndDefault() {
        assertThat(ConfigurationReference.markdown())
                .contains("| `kafka.bootstrap-servers` | `--kafka HOST:PORT` | `localhost:9092` | Kafka bootstrap servers")
                .contains("| `kafka.bounded` | `--bounded` | `false` |")
                .contains("| `context.ttl` | | `1d` |")
                .contains("| `elasticsearch.auth.api-key` | | none |");
    }
}
