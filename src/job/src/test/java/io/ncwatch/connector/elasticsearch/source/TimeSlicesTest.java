package io.ncwatch.connector.elasticsearch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSlicesTest {

    @Test
    void slices_cover_the_range_edge_to_edge_without_overlap() {
        List<TimeSliceSplit> slices = TimeSlices.of(1_000, 2_003, 4);

        assertThat(slices).extracting(TimeSliceSplit::start).containsExactly(1_000L, 1_250L, 1_500L, 1_750L);
        assertThat(slices).extracting(TimeSliceSplit::end).containsExactly(1_250L, 1_500L, 1_750L, 2_003L);
        assertThat(slices).extracting(TimeSliceSplit::splitId).doesNotHaveDuplicates();
        assertThat(slices).allSatisfy(slice -> assertThat(slice.position()).isNull());
    }

    @Test
    void a_range_shorter_than_the_slices_asked_for_gets_one_slice_a_millisecond() {
        assertThat(TimeSlices.of(10, 13, 8)).extracting(TimeSliceSplit::start).containsExactly(10L, 11L, 12L);
    }
}
