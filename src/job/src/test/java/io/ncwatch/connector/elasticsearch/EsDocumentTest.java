package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class EsDocumentTest {

    @Test
    void flink_serializes_it_as_a_pojo_not_with_kryo() {
        assertThat(TypeInformation.of(EsDocument.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void documents_with_the_same_bytes_are_equal() {
        EsDocument a = new EsDocument("i", "1", "{}".getBytes(StandardCharsets.UTF_8));
        EsDocument b = new EsDocument("i", "1", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new EsDocument("i", "1", "{ }".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.toString()).contains("2 bytes");
    }

    @Test
    void ids_and_index_names_beyond_elasticsearch_limits_are_refused() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new EsDocument("i", "x".repeat(513), json)).hasMessageContaining("512 bytes");
        assertThatThrownBy(() -> new EsDocument("i".repeat(256), "1", json)).hasMessageContaining("255 bytes");
        assertThatThrownBy(() -> new EsDocument("", "1", json)).hasMessageContaining("empty");
    }

    @Test
    void raw_newlines_in_the_json_become_spaces_so_the_bulk_body_stays_one_line_per_document() {
        byte[] pretty = "{\n  \"a\": \"b\\nc\"\n}".getBytes(StandardCharsets.UTF_8);
        byte[] compact = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(ElasticsearchSinkWriter.singleLine(pretty), StandardCharsets.UTF_8))
                .isEqualTo("{   \"a\": \"b\\nc\" }");
        assertThat(ElasticsearchSinkWriter.singleLine(compact)).isSameAs(compact);
    }
}
