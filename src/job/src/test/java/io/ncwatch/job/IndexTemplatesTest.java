package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {

    private static Property property(TypeMapping mapping, String dottedPath) {
        String[] names = dottedPath.split("\\.");
        Property property = mapping.properties().get(names[0]);
        for (int i = 1; i < names.length; i++) {
            property = property.object().properties().get(names[i]);
        }
        return property;
    }

    @Test
    void the_alerts_template_makes_a_data_stream_that_wins_over_the_builtin_logs_template() {
        PutIndexTemplateRequest request = IndexTemplates.request(IndexTemplates.ALERTS);

        assertThat(request.name()).isEqualTo("ncwatch-alerts");
        assertThat(request.indexPatterns()).containsExactly("logs-ncwatch.alerts-*");
        assertThat(request.dataStream()).isNotNull();
        assertThat(request.priority()).isGreaterThan(100L);
    }

    @Test
    void the_alerts_template_maps_ids_times_ports_and_addresses() {
        TypeMapping mapping = IndexTemplates.request(IndexTemplates.ALERTS).template().mappings();

        assertThat(property(mapping, "@timestamp").isDate()).isTrue();
        assertThat(property(mapping, "rule.uuid").isKeyword()).isTrue();
        assertThat(property(mapping, "container.id").isKeyword()).isTrue();
        assertThat(property(mapping, "process.pid").isLong()).isTrue();
        assertThat(property(mapping, "ncwatch.correlation.listener_port").isLong()).isTrue();
        assertThat(property(mapping, "source.ip").isIp()).isTrue();
        assertThat(property(mapping, "related.ip").isIp()).isTrue();
        assertThat(property(mapping, "ncwatch.source_event.offset").isLong()).isTrue();
    }

    @Test
    void the_dead_letter_template_keeps_the_original_unindexed_and_ignores_unknown_fields() {
        PutIndexTemplateRequest request = IndexTemplates.request(IndexTemplates.DEAD_LETTERS);
        TypeMapping mapping = request.template().mappings();

        assertThat(request.indexPatterns()).containsExactly("logs-ncwatch.deadletter-*");
        assertThat(request.dataStream()).isNotNull();
        assertThat(property(mapping, "event.original").keyword().index()).isFalse();
        assertThat(mapping.dynamic()).hasToString("False");
    }

    @Test
    void the_templates_the_job_installs_are_the_files_in_conf() throws IOException {
        for (IndexTemplates.Template template : IndexTemplates.TEMPLATES) {
            String fileName = Path.of(template.resource()).getFileName().toString();
            try (var packaged = IndexTemplates.class.getResourceAsStream(template.resource())) {
                assertThat(packaged.readAllBytes())
                        .isEqualTo(Files.readAllBytes(Path.of("conf", "elasticsearch", fileName)));
            }
        }
    }
}
