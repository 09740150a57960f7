package io.ncwatch.connector.elasticsearch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSliceSplitSerializerTest {
    private static final TimeSliceSplitSerializer SPLITS = TimeSliceSplitSerializer.INSTANCE;

    @Test
    void a_split_keeps_its_bounds_and_position() throws IOException {
        TimeSliceSplit read = new TimeSliceSplit(3, 1_000, 2_000, null).readUpTo("[1500,\"evt-ü-7\"]");

        assertThat(SPLITS.deserialize(SPLITS.getVersion(), SPLITS.serialize(read))).isEqualTo(read);
    }

    @Test
    void a_split_not_started_keeps_no_position() throws IOException {
        TimeSliceSplit fresh = new TimeSliceSplit(0, 0, 1, null);

        assertThat(SPLITS.deserialize(SPLITS.getVersion(), SPLITS.serialize(fresh)).position()).isNull();
    }

    @Test
    void the_pending_slices_of_the_enumerator_come_back_in_order() throws IOException {
        PendingSlicesSerializer pending = new PendingSlicesSerializer();
        List<TimeSliceSplit> slices = List.of(new TimeSliceSplit(1, 0, 10, null), new TimeSliceSplit(2, 10, 20, "[12,\"b\"]"));

        Collection<TimeSliceSplit> restored = pending.deserialize(pending.getVersion(), pending.serialize(slices));

        assertThat(restored).containsExactlyElementsOf(slices);
    }

    @Test
    void an_unknown_version_is_refused() {
        assertThatThrownBy(() -> SPLITS.deserialize(99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }
}
