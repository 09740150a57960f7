package io.ncwatch.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.connector.base.sink.writer.strategy.BasicRequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.BasicResultInfo;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackoffRateLimitingStrategyTest {

    private static final BasicRequestInfo BATCH = new BasicRequestInfo(10);

    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private final BackoffRateLimitingStrategy strategy = new BackoffRateLimitingStrategy(2, 500, time);

    @BeforeEach
    void start() throws Exception {
        time.setCurrentTime(1_000);
    }

    @Test
    void sends_up_to_the_in_flight_limit() {
        assertThat(strategy.shouldBlock(BATCH)).isFalse();
        strategy.registerInFlightRequest(BATCH);
        assertThat(strategy.shouldBlock(BATCH)).isFalse();
        strategy.registerInFlightRequest(BATCH);
        assertThat(strategy.shouldBlock(BATCH)).isTrue();
        strategy.registerCompletedRequest(new BasicResultInfo(0, 10));
        assertThat(strategy.shouldBlock(BATCH)).isFalse();
        assertThat(strategy.getMaxBatchSize()).isEqualTo(500);
    }

    @Test
    void a_pause_blocks_until_it_ends_and_a_timer_wakes_the_waiting_writer_then() throws Exception {
        strategy.pauseFor(400);

        assertThat(strategy.shouldBlock(BATCH)).isTrue();
        assertThat(time.getActiveTimerTimestamps()).containsExactly(1_400L);
        time.setCurrentTime(1_399);
        assertThat(strategy.shouldBlock(BATCH)).isTrue();
        time.setCurrentTime(1_400);
        assertThat(strategy.shouldBlock(BATCH)).isFalse();
        assertThat(time.getNumActiveTimers()).isZero();
    }

    @Test
    void a_shorter_pause_does_not_cut_a_longer_one_short() throws Exception {
        strategy.pauseFor(5_000);
        strategy.pauseFor(100);

        time.setCurrentTime(1_100);
        assertThat(strategy.shouldBlock(BATCH)).isTrue();
        assertThat(time.getActiveTimerTimestamps()).containsExactly(6_000L);
    }
}
