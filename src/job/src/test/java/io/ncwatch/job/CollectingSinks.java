package io.ncwatch.job;

import io.ncwatch.record.Alert;
import io.ncwatch.record.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.CloseableIterator;

/** Hands a test job's alerts and dead letters to the test; read them after the job has run. */
public final class CollectingSinks implements JobSinks {
    private CloseableIterator<Alert> alerts;
    private CloseableIterator<DeadLetter> deadLetters;

    @Override
    public void alerts(DataStream<Alert> stream) {
        alerts = stream.collectAsync();
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> stream) {
        deadLetters = stream.collectAsync();
    }

    /** Every alert of the finished job. */
    public List<Alert> alerts() throws Exception {
        return drain(alerts);
    }

    /** Every dead letter of the finished job. */
    public List<DeadLetter> deadLetters() throws Exception {
        return drain(deadLetters);
    }

    private static <T> List<T> drain(CloseableIterator<T> iterator) throws Exception {
        List<T> items = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(items::add);
        }
        return items;
    }
}
