package io.ncwatch.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

    private static final String VALUE = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    @TempDir
    Path dir;

    @Test
    void a_file_secret_is_read_without_its_trailing_newline_and_never_shown() throws IOException {
        Path file = Files.writeString(dir.resolve("api-key"), VALUE + "\n");
        Secret secret = Secret.fromFile(file);

        assertThat(secret.read()).isEqualTo(VALUE);
        assertThat(secret.toString()).isEqualTo("file:" + file).doesNotContain(VALUE);
    }

    @Test
    void an_environment_secret_is_read_from_the_variable_and_shown_by_name() {
        Secret secret = Secret.parse("env:NCWATCH_ES_API_KEY");

        assertThat(secret.read(Map.of("NCWATCH_ES_API_KEY", VALUE)::get)).isEqualTo(VALUE);
        assertThat(secret).hasToString("env:NCWATCH_ES_API_KEY");
    }

    @Test
    void a_missing_secret_fails_naming_where_it_was_looked_for() {
        assertThatThrownBy(() -> Secret.fromEnv("NCWATCH_NO_SUCH_VARIABLE").read(name -> null))
                .hasMessageContaining("env:NCWATCH_NO_SUCH_VARIABLE");
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("absent")).read())
                .hasMessageContaining(dir.resolve("absent").toString());
    }

    @Test
    void an_inline_secret_is_refused_without_repeating_it() {
        assertThatThrownBy(() -> Secret.parse(VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env:VARIABLE or file:PATH")
                .hasMessageNotContaining(VALUE);
    }
}
