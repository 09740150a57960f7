package io.ncwatch.job;

import io.ncwatch.record.Alert;
import io.ncwatch.record.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a job's output goes. The job hands over its streams; an implementation attaches its sinks
 * (each with a {@code uid}), so that tests swap the services for collecting sinks.
 */
public interface JobSinks {
    void alerts(DataStream<Alert> alerts);

    void deadLetters(DataStream<DeadLetter> deadLetters);
}
