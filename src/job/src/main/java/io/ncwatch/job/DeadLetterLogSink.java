package io.ncwatch.job;

import io.ncwatch.record.DeadLetter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters as warnings in the log, for runs without Kafka and Elasticsearch: the reason and the
 * record's coordinates, never its bytes (an event may carry a secret on a command line).
 */
public class DeadLetterLogSink implements Sink<DeadLetter> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLogSink.class);

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter letter, Context context) {
                LOG.warn("dead letter {}/{}/{}: {}: {}", letter.topic, letter.partition, letter.offset,
                        letter.reason, letter.detail);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
