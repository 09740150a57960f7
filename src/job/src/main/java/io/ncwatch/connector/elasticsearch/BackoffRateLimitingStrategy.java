package io.ncwatch.connector.elasticsearch;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * Lets the {@link org.apache.flink.connector.base.sink.writer.AsyncSinkWriter} send a batch only when
 * fewer than {@code maxInFlightRequests} are in flight and no backoff pause is running.
 *
 * <p>While it blocks, the writer waits in {@code MailboxExecutor.yield()}, which returns only when a
 * mail arrives; {@link #pauseFor} therefore registers a processing-time timer (delivered as a mail) for
 * the end of the pause. Documents that wait out a pause sit in the writer's buffer, so checkpoints
 * taken meanwhile hold them. All methods run on the task's mailbox thread.
 */
final class BackoffRateLimitingStrategy implements RateLimitingStrategy {

    private final int maxInFlightRequests;
    private final int maxBatchSize;
    private final ProcessingTimeService time;
    private int inFlightRequests;
    private long pausedUntil;

    BackoffRateLimitingStrategy(int maxInFlightRequests, int maxBatchSize, ProcessingTimeService time) {
        this.maxInFlightRequests = maxInFlightRequests;
        this.maxBatchSize = maxBatchSize;
        this.time = time;
    }

    /** Sends nothing for {@code millis} from now (or longer, if a longer pause is already running). */
    void pauseFor(long millis) {
        long until = time.getCurrentProcessingTime() + millis;
        if (until > pausedUntil) {
            pausedUntil = until;
            time.registerTimer(until, timestamp -> { });
        }
    }

    @Override
    public boolean shouldBlock(RequestInfo requestInfo) {
        return inFlightRequests >= maxInFlightRequests || time.getCurrentProcessingTime() < pausedUntil;
    }

    @Override
    public void registerInFlightRequest(RequestInfo requestInfo) {
        inFlightRequests++;
    }

    @Override
    public void registerCompletedRequest(ResultInfo resultInfo) {
        inFlightRequests = Math.max(0, inFlightRequests - 1);
    }

    @Override
    public int getMaxBatchSize() {
        return maxBatchSize;
    }
}
