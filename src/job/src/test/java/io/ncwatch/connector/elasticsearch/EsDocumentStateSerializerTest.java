package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class EsDocumentStateSerializerTest {

    private final EsDocumentStateSerializer serializer = new EsDocumentStateSerializer();

    private static EsDocument document(String index, String id, String json) {
        return new EsDocument(index, id, json.getBytes(StandardCharsets.UTF_8));
    }

    private static BufferedRequestState<EsDocument> state(EsDocument... documents) {
        return new BufferedRequestState<>(List.of(documents).stream()
                .map(d -> new RequestEntryWrapper<>(d, d.sizeInBytes()))
                .toList());
    }

    private static List<EsDocument> documents(BufferedRequestState<EsDocument> state) {
        return state.getBufferedRequestEntries().stream().map(RequestEntryWrapper::getRequestEntry).toList();
    }

    @Test
    void buffered_documents_survive_a_round_trip_in_order_with_their_sizes_and_operations() throws IOException {
        EsDocument alert = document("logs-ncwatch.alerts-default", "a1", "{\"message\":\"nc -lvp 4444 in café\"}");
        EsDocument binary = new EsDocument("logs-ncwatch.alerts-prod", "ünïcode-id", new byte[] {0, -1, 10, 13, 127});
        EsDocument empty = document("logs-ncwatch.deadletter-default", "x", "");
        EsDocument update = new EsDocument("logs-ncwatch.alerts-default", "a1", "{\"if_higher\":\"n\",\"doc\":{\"n\":2}}"
                .getBytes(StandardCharsets.UTF_8), EsDocument.Operation.UPDATE);

        BufferedRequestState<EsDocument> restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state(alert, binary, empty, update)));

        assertThat(documents(restored)).containsExactly(alert, binary, empty, update);
        assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getSize)
                .containsExactly(alert.sizeInBytes(), binary.sizeInBytes(), empty.sizeInBytes(), update.sizeInBytes());
    }

    @Test
    void version_2_adds_the_operation_and_version_1_states_are_still_read_as_creates() throws IOException {
        byte[] v2 = serializer.serialize(state(document("i", "d", "{}")));
        // identifier -1, count 1, size 4, "i", "d", json length 2, "{}"
        String v1 = "ffffffffffffffff" + "00000001" + "0000000000000004" + "000169" + "000164" + "00000002" + "7b7d";

        assertThat(HexFormat.of().formatHex(v2)).isEqualTo(v1 + "00");
        assertThat(serializer.getVersion()).isEqualTo(2);
        assertThat(documents(serializer.deserialize(1, HexFormat.of().parseHex(v1)))).containsExactly(document("i", "d", "{}"));
    }

    @Test
    void a_state_of_an_unknown_version_is_refused_with_the_versions_named() throws IOException {
        byte[] bytes = serializer.serialize(state(document("i", "d", "{}")));

        assertThatThrownBy(() -> serializer.deserialize(3, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 3")
                .hasMessageContaining("reads versions 1 to 2");
    }
}
