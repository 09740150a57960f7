package io.ncwatch.job;

import io.ncwatch.alert.Alert;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The sinks the configuration's {@code outputs} name: Elasticsearch and Kafka (exactly once), stdout
 * and a file (JSON lines, for local runs). Dead letters go to the Kafka dead-letter topic and the
 * dead-letter index when those outputs are on, else to the log (reason and coordinates, never the bytes).
 */
public final class ServiceSinks implements JobSinks {
    private final JobConfig config;

    private ServiceSinks(JobConfig config) {
        this.config = config;
    }

    /** Checks the outputs' settings now, so that a mistake stops the job before it is submitted. */
    public static ServiceSinks prepare(JobConfig config) {
        return new ServiceSinks(config);
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        JobConfig.Outputs outputs = config.outputs();
        if (outputs.kafka()) {
            alerts.sinkTo(KafkaOutputs.alerts(config.kafka())).name("alerts to Kafka").uid("sink-alerts-kafka");
        }
        if (outputs.stdout()) {
            alerts.sinkTo(new JsonLinesSink(null)).name("alerts to stdout").uid("sink-alerts-stdout").setParallelism(1);
        }
        if (outputs.file() != null) {
            alerts.sinkTo(new JsonLinesSink(outputs.file())).name("alerts to " + outputs.file())
                    .uid("sink-alerts-file").setParallelism(1);
        }
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        JobConfig.Outputs outputs = config.outputs();
        if (outputs.kafka()) {
            deadLetters.sinkTo(KafkaOutputs.deadLetters(config.kafka(), config.elasticsearch().namespace()))
                    .name("dead letters to Kafka").uid("sink-deadletters-kafka");
        }
        if (!outputs.kafka() && !outputs.elasticsearch()) {
            deadLetters.sinkTo(new DeadLetterLogSink()).name("dead letters to the log").uid("sink-deadletters-log");
        }
    }
}
