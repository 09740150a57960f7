package io.ncwatch.bench;

import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

/**
 * The peer a user would write instead of ncwatch: Flink SQL over the same JSON-lines file with Flink's
 * {@code filesystem} connector and {@code json} format, the seed rule as a {@code WHERE} clause with a
 * wildcard function ({@link WildcardAny}), and {@code MATCH_RECOGNIZE} linking a listener to the
 * connection its process accepts within 10 minutes. No process table, no ancestry, no shell stage, no
 * dead letters: less than ncwatch does. Same MiniCluster settings, parallelism and checkpoints as the
 * ncwatch rows.
 */
final class SqlPeerJob {
    private SqlPeerJob() {}

    /** The events the file holds, with the seed rule's verdict and the fields the correlation reads. */
    private static final String EVENTS = """
            CREATE TEMPORARY TABLE events (
              `@timestamp` TIMESTAMP_LTZ(3),
              event ROW<type ARRAY<STRING>, action STRING, id STRING>,
              process ROW<entity_id STRING, name STRING, args ARRAY<STRING>>,
              source ROW<ip STRING, port INT>,
              container ROW<id STRING>,
              WATERMARK FOR `@timestamp` AS `@timestamp` - INTERVAL '5' SECOND
            ) WITH (
              'connector' = 'filesystem',
              'path' = '%s',
              'format' = 'json',
              'json.timestamp-format.standard' = 'ISO-8601',
              'json.ignore-parse-errors' = 'true'
            )""";

    private static final String JUDGED = """
            CREATE TEMPORARY VIEW judged AS
            SELECT `@timestamp` AS ts, container.id AS container_id, event.id AS event_id, event.action AS action,
                   process.entity_id AS entity_id, process.name AS process_name, source.ip AS peer_ip,
                   container.id IS NOT NULL
                   AND ARRAY_CONTAINS(event.type, 'start') AND event.action IN ('fork', 'exec')
                   AND (WILDCARD_ANY(process.name, 'nc', 'ncat', 'netcat', 'netcat.openbsd', 'netcat.traditional')
                        OR WILDCARD_ANY(process.args, 'nc', 'ncat', 'netcat', 'netcat.openbsd', 'netcat.traditional'))
                   AND WILDCARD_ANY(process.args, '-*l*', '--listen', '-*p*', '--source-port') AS listener
            FROM events""";

    private static final String RULE_ALERTS = """
            SELECT CAST(ts AS TIMESTAMP_LTZ(3)) AS ts, container_id, event_id, process_name, CAST(NULL AS STRING) AS peer_ip
            FROM judged WHERE COUNT_EVENT() AND listener""";

    private static final String CONNECTION_ALERTS = """
            SELECT ts, container_id, event_id, process_name, peer_ip
            FROM judged MATCH_RECOGNIZE (
              PARTITION BY container_id
              ORDER BY ts
              MEASURES C.ts AS ts, C.event_id AS event_id, L.process_name AS process_name, C.peer_ip AS peer_ip
              ONE ROW PER MATCH
              AFTER MATCH SKIP TO NEXT ROW
              PATTERN (L OTHER*? C) WITHIN INTERVAL '10' MINUTE
              DEFINE
                L AS L.listener,
                C AS C.action = 'connection_accepted' AND C.entity_id = L.entity_id
            )""";

    /** The SQL job over {@code file}, its alerts counted into {@link Probe#ALERTS} and discarded. */
    static StreamExecutionEnvironment define(StreamExecutionEnvironment env, Path file) {
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        sql.createTemporarySystemFunction("WILDCARD_ANY", WildcardAny.class);
        sql.createTemporarySystemFunction("COUNT_EVENT", CountEvent.class);
        sql.executeSql(EVENTS.formatted(file.toAbsolutePath()));
        sql.executeSql(JUDGED);
        Table alerts = sql.sqlQuery(RULE_ALERTS).unionAll(sql.sqlQuery(CONNECTION_ALERTS));
        DataStream<Row> rows = sql.toDataStream(alerts);
        rows.map(alert -> {
            Probe.ALERTS.increment();
            return alert;
        }, rows.getType()).name("count alerts")
                .sinkTo(new DiscardingSink<>()).name("discard alerts");
        return env;
    }

    /**
     * Counts each row, as {@link Probe.CountEvents} does for the other rows; called first in the rule
     * branch's {@code WHERE}, which sees every event once (the correlation branch sees them too).
     */
    public static final class CountEvent extends ScalarFunction {
        public boolean eval() {
            Probe.EVENTS.increment();
            return true;
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }
}
