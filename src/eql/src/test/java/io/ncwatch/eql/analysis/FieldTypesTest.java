package io.ncwatch.eql.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index mappings read into field types, in every shape Elasticsearch hands them out. */
class FieldTypesTest {
    private static final String PROPERTIES = """
            {"properties": {
              "@timestamp": {"type": "date"},
              "process": {"properties": {
                "name": {"type": "keyword", "ignore_above": 256, "fields": {"text": {"type": "match_only_text"}}},
                "pid": {"type": "long", "null_value": -1}}},
              "hits": {"type": "nested", "properties": {"ip": {"type": "ip"}}},
              "title": {"type": "text", "fields": {"raw": {"type": "keyword", "ignore_above": 64, "null_value": "NONE"}}},
              "body": {"type": "text"},
              "agent": {"properties": {"version": {"type": "version"}}}}}""";

    private static FieldTypes parse(String json) throws IOException {
        return FieldTypes.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void objectsNestedObjectsAndMultiFieldsBecomeDottedPaths() throws IOException {
        FieldTypes types = parse(PROPERTIES);
        assertThat(types.of("@timestamp")).isEqualTo(new FieldType("date", Integer.MAX_VALUE, null));
        assertThat(types.of("process.name")).isEqualTo(new FieldType("keyword", 256, null));
        assertThat(types.of("process.name.text")).isEqualTo(new FieldType("match_only_text", Integer.MAX_VALUE, null));
        assertThat(types.of("process.pid").type()).isEqualTo("long");
        assertThat(types.of("hits.ip").type()).isEqualTo("ip");
        assertThat(types.of("agent.version").type()).isEqualTo("version");
        assertThat(types.of("process")).isNull();
        assertThat(types.of("process.args")).isNull();
    }

    @Test
    void nullValuesByPathForTheDecoder() throws IOException {
        assertThat(parse(PROPERTIES).nullValues(List.of("title", "process.name", "process.pid", "app.x")))
                .containsExactly("NONE", null, -1L, null);
    }

    @Test
    void aTextFieldComparesThroughItsKeywordSubField() throws IOException {
        FieldTypes types = parse(PROPERTIES);
        assertThat(types.of("title")).isEqualTo(new FieldType("keyword", 64, "NONE"));
        assertThat(types.of("body").isExact()).isFalse();
    }

    @Test
    void readsTheBodiesOfGetMappingAndOfTemplates() throws IOException {
        String mappings = "{\"mappings\": " + PROPERTIES + "}";
        for (String body : new String[] {
                "{\"logs-x\": " + mappings + "}",
                mappings,
                "{\"index_patterns\": [\"logs-*\"], \"template\": " + mappings + "}",
                "{\"index_templates\": [{\"name\": \"t\", \"index_template\": {\"template\": " + mappings + "}}]}",
                "{\"component_templates\": [{\"name\": \"c\", \"component_template\": {\"template\": " + mappings + "}}]}"}) {
            assertThat(parse(body).of("process.pid")).as(body).isEqualTo(new FieldType("long", Integer.MAX_VALUE, -1L));
        }
    }

    @Test
    void aBodyWithoutPropertiesIsNoMapping() {
        assertThatThrownBy(() -> parse("{\"settings\": {}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no mapping properties");
    }

    @Test
    void aDateFormatNcwatchCannotReadIsRefused() {
        assertThatThrownBy(() -> parse("{\"properties\": {\"t\": {\"type\": \"date\", \"format\": \"yyyy-MM-dd HH:mm\"}}}"))
                .hasMessage("date field t has the format yyyy-MM-dd HH:mm; ncwatch reads dates in strict_date_optional_time||epoch_millis only");
    }

    @Test
    void aFileThatIsNotJsonSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mapping.json"), "{properties");
        assertThatThrownBy(() -> FieldTypes.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " is not JSON");
    }

    @Test
    void theShippedEcsTypes() {
        FieldTypes ecs = FieldTypes.ecs();
        assertThat(ecs.of("@timestamp").type()).isEqualTo("date");
        assertThat(ecs.of("process.name")).isEqualTo(new FieldType("keyword", 1024, null));
        assertThat(ecs.of("process.command_line")).isEqualTo(new FieldType("wildcard", Integer.MAX_VALUE, null));
        assertThat(ecs.of("process.pid").type()).isEqualTo("long");
        assertThat(ecs.of("destination.ip").type()).isEqualTo("ip");
        assertThat(ecs.of("process.interactive").type()).isEqualTo("boolean");
        assertThat(ecs.of("message").isExact()).isFalse();
    }
}
