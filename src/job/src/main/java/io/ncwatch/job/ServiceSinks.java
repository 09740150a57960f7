package io.ncwatch.job;

import io.ncwatch.alert.DeadLetterDocument;
import io.ncwatch.connector.elasticsearch.AcknowledgementListener;
import io.ncwatch.connector.elasticsearch.ElasticsearchSink;
import io.ncwatch.connector.elasticsearch.EsDocument;
import io.ncwatch.connector.file.JsonLinesSink;
import io.ncwatch.connector.kafka.KafkaSinks;
import io.ncwatch.record.Alert;
import io.ncwatch.record.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The sinks the configuration's {@code outputs} name: Elasticsearch and Kafka (exactly once), stdout
 * and a file (JSON lines, for local runs). Dead letters go to the Kafka dead-letter topic and the
 * dead-letter index when those outputs are on, else to the log (reason and coordinates, never the bytes).
 */
public final class ServiceSinks implements JobSinks {
    private final JobConfig config;
    private final ElasticsearchSink<EsDocument> elasticsearch;

    private ServiceSinks(JobConfig config, ElasticsearchSink<EsDocument> elasticsearch) {
        this.config = config;
        this.elasticsearch = elasticsearch;
    }

    /**
     * Checks the outputs' settings now, so that a mistake stops the job before it is submitted.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static ServiceSinks prepare(JobConfig config) {
        return prepare(config, null);
    }

    /** With {@code acknowledgements} told of every alert Elasticsearch acknowledges as written (the benchmark's latency probe). */
    public static ServiceSinks prepare(JobConfig config, AcknowledgementListener acknowledgements) {
        return new ServiceSinks(config,
                config.outputs().elasticsearch() ? elasticsearch(config.elasticsearch(), acknowledgements) : null);
    }

    /**
     * One sink serves the alerts and the dead letters: the documents name their index, the templates of
     * both are installed before the first write, and a document Elasticsearch rejects becomes a dead letter.
     */
    static ElasticsearchSink<EsDocument> elasticsearch(JobConfig.Elasticsearch es, AcknowledgementListener acknowledgements) {
        return es.connection().applyTo(ElasticsearchSink.<EsDocument>builder())
                .setElementConverter((document, context) -> document)
                .setBeforeFirstWrite(new IndexTemplates())
                .setRejectedDocumentHandler(new ElasticsearchDeadLetters(es.deadLetterIndex(), es.namespace()))
                .setAcknowledgementListener(acknowledgements)
                .build();
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        JobConfig.Outputs outputs = config.outputs();
        if (elasticsearch != null) {
            String index = config.elasticsearch().alertsIndex();
            alerts.map(alert -> new EsDocument(index, alert.id, alert.json,
                                    alert.suppressionUpdate ? EsDocument.Operation.UPDATE : EsDocument.Operation.CREATE),
                            TypeInformation.of(EsDocument.class))
                    .name("alert documents").uid("alert-documents")
                    .sinkTo(elasticsearch).name("alerts to Elasticsearch")
                    .uid("sink-alerts-elasticsearch");
        }
        // a suppression update is for Elasticsearch only: the other outputs carry the alerts as raised
        DataStream<Alert> raised = alerts.filter(alert -> !alert.suppressionUpdate).name("raised alerts").uid("raised-alerts");
        if (outputs.kafka()) {
            raised.sinkTo(KafkaSinks.exactlyOnce(config.kafka().connection(), config.kafka().topics().alerts(), "alerts",
                            alert -> alert.id, alert -> alert.json)).name("alerts to Kafka").uid("sink-alerts-kafka");
        }
        if (outputs.stdout()) {
            raised.sinkTo(new JsonLinesSink<Alert>(null, alert -> alert.json)).name("alerts to stdout").uid("sink-alerts-stdout").setParallelism(1);
        }
        if (outputs.file() != null) {
            raised.sinkTo(new JsonLinesSink<Alert>(outputs.file(), alert -> alert.json)).name("alerts to " + outputs.file())
                    .uid("sink-alerts-file").setParallelism(1);
        }
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        JobConfig.Outputs outputs = config.outputs();
        if (elasticsearch != null) {
            String index = config.elasticsearch().deadLetterIndex();
            String namespace = config.elasticsearch().namespace();
            deadLetters.map(letter -> new EsDocument(index, DeadLetterDocument.id(letter), DeadLetterDocument.json(letter, namespace)),
                            TypeInformation.of(EsDocument.class))
                    .name("dead-letter documents").uid("deadletter-documents")
                    .sinkTo(elasticsearch).name("dead letters to Elasticsearch")
                    .uid("sink-deadletters-elasticsearch");
        }
        if (outputs.kafka()) {
            String namespace = config.elasticsearch().namespace();
            deadLetters.sinkTo(KafkaSinks.exactlyOnce(config.kafka().connection(), config.kafka().topics().deadletter(),
                            "deadletters", DeadLetterDocument::id, letter -> DeadLetterDocument.json(letter, namespace)))
                    .name("dead letters to Kafka").uid("sink-deadletters-kafka");
        }
        if (!outputs.kafka() && !outputs.elasticsearch()) {
            deadLetters.sinkTo(new DeadLetterLogSink()).name("dead letters to the log").uid("sink-deadletters-log");
        }
    }
}
