package io.ncwatch.bench;

import io.ncwatch.job.JobSinks;
import io.ncwatch.record.Alert;
import io.ncwatch.record.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Counts the alerts ({@link Probe#ALERTS}) and drops them and the dead letters: the job without its outputs' cost. */
final class DiscardingSinks implements JobSinks {
    @Override
    public void alerts(DataStream<Alert> alerts) {
        alerts.map(new Probe.CountAlerts(), TypeInformation.of(Alert.class)).name("count alerts").uid("count-alerts")
                .sinkTo(new DiscardingSink<>()).name("discard alerts").uid("discard-alerts");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(new DiscardingSink<>()).name("discard dead letters").uid("discard-deadletters");
    }
}
