package io.ncwatch.connector.elasticsearch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class TimeSliceEnumeratorTest {
    private final MockSplitEnumeratorContext<TimeSliceSplit> context = new MockSplitEnumeratorContext<>(2);
    private final List<TimeSliceSplit> slices = TimeSlices.of(0, 300, 3);

    @Test
    void each_slice_goes_to_one_reader_and_then_readers_are_told_there_are_no_more() {
        TimeSliceEnumerator enumerator = new TimeSliceEnumerator(context, slices);

        enumerator.handleSplitRequest(0, "host");
        enumerator.handleSplitRequest(1, "host");
        enumerator.handleSplitRequest(0, "host");
        enumerator.handleSplitRequest(1, "host");

        assertThat(context.getSplitsAssignmentSequence().stream()
                .flatMap(assignment -> assignment.assignment().values().stream().flatMap(List::stream)))
                .containsExactlyInAnyOrderElementsOf(slices);
        assertThat(context.hasNoMoreSplits(1)).isTrue();
        assertThat(context.hasNoMoreSplits(0)).isFalse();
    }

    @Test
    void a_slice_given_back_with_its_position_goes_to_the_next_reader_that_asks() {
        TimeSliceEnumerator enumerator = new TimeSliceEnumerator(context, slices.subList(0, 1));
        enumerator.handleSplitRequest(0, "host");
        TimeSliceSplit halfRead = slices.get(0).readUpTo("[50,\"x\"]");

        enumerator.addSplitsBack(List.of(halfRead), 0);
        enumerator.handleSplitRequest(1, "host");

        SplitsAssignment<TimeSliceSplit> last = context.getSplitsAssignmentSequence().get(1);
        assertThat(last.assignment().get(1)).containsExactly(halfRead);
    }

    @Test
    void a_checkpoint_holds_the_slices_not_yet_handed_out() {
        TimeSliceEnumerator enumerator = new TimeSliceEnumerator(context, slices);
        enumerator.handleSplitRequest(0, "host");

        assertThat(enumerator.snapshotState(1)).containsExactlyElementsOf(slices.subList(1, 3));
    }
}
