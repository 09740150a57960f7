package io.ncwatch.connector.elasticsearch;

import java.io.Serializable;

/**
 * Told on the sink's task of each document Elasticsearch acknowledged as newly written, with the time
 * its bulk response arrived: for measuring how long an alert takes to become visible (the benchmark).
 * It runs on the sink's task thread, so it must be quick.
 */
@FunctionalInterface
public interface AcknowledgementListener extends Serializable {
    void acknowledged(EsDocument document, long responseEpochMillis);
}
