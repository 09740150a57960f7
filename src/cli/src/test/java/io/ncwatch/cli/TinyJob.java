package io.ncwatch.cli;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A bounded job that SubmitCommandIT submits: its name carries its arguments. */
public final class TinyJob {

    private TinyJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(1, 2, 3).sinkTo(new DiscardingSink<>());
        env.execute("tiny " + String.join(" ", args));
    }
}
