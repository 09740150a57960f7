package io.ncwatch.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.alert.AlertDocument;
import io.ncwatch.connector.elasticsearch.source.ElasticsearchSource;
import io.ncwatch.decode.ContainerEventFields;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.ast.Query;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleSet;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's own dataflow ({@link NcwatchJob#defineWorkflow}: rules, process context, correlation) over
 * history in Elasticsearch instead of Kafka, bounded: it ends when the scope is read. Alerts go to the
 * configured outputs with the live job's deterministic ids, so a hunt repeated, or over what the live job
 * saw, writes no alert twice.
 */
public final class ElasticsearchHunt {
    /** The categories the job reads beyond the rules': process events for the context, network events for the correlation. */
    private static final List<String> JOB_CATEGORIES = List.of("process", "network");
    private static final String TIMESTAMP = "@timestamp";

    private ElasticsearchHunt() {}

    /** Runs the hunt to its end. */
    public static JobExecutionResult run(JobConfig config, List<Rule> rules, HuntScope scope, Configuration flink)
            throws Exception {
        return environment(config, rules, scope, flink).execute(name(config, scope));
    }

    /**
     * Starts the hunt and returns at once: its client tells how far it is (the accumulator
     * {@link io.ncwatch.decode.DecodeFunction#EVENTS_IN}), stops it with a savepoint, and gives its result.
     */
    public static JobClient start(JobConfig config, List<Rule> rules, HuntScope scope, Configuration flink)
            throws Exception {
        return environment(config, rules, scope, flink).executeAsync(name(config, scope));
    }

    private static StreamExecutionEnvironment environment(JobConfig config, List<Rule> rules, HuntScope scope,
            Configuration flink) {
        StreamExecutionEnvironment env = NcwatchJob.environment(config, flink);
        DataStream<RawEvent> events = NcwatchJob.read(env, source(config, rules, scope), "source-elasticsearch",
                config.eventTime());
        NcwatchJob.defineWorkflow(config, rules, events, ServiceSinks.prepare(config));
        return env;
    }

    private static String name(JobConfig config, HuntScope scope) {
        return NcwatchJob.jobName(config) + " over " + scope.index();
    }

    /** How many documents the hunt reads, by Elasticsearch's {@code _count}. */
    public static long count(JobConfig config, List<Rule> rules, HuntScope scope) throws IOException {
        return source(config, rules, scope).count();
    }

    /** Reads the scope with the job's credentials and trust, the event categories and fields the job reads pushed down. */
    static ElasticsearchSource<RawEvent> source(JobConfig config, List<Rule> rules, HuntScope scope) {
        var builder = ElasticsearchSource.<RawEvent>builder()
                .setConnection(config.elasticsearch().connection().withUrl(scope.url()))
                .setIndex(scope.index())
                .setTimeRange(scope.from(), scope.to())
                .setTiebreaker(scope.tiebreaker())
                .setSlices(scope.slices())
                .setMaxDocumentsPerSecond(config.elasticsearch().sourceThrottle())
                .setSourceIncludes(sourceFields(rules, config.eql()))
                .setDeserializer(new RawEventHits());
        categoryFilter(rules).ifPresent(builder::setFilter);
        return builder.build();
    }

    /**
     * A terms query on {@code event.category} for the categories the rules name and the job reads; none
     * when a rule names none ({@code any where}) or is no single-event query.
     */
    static Optional<String> categoryFilter(List<Rule> rules) {
        TreeSet<String> categories = new TreeSet<>(JOB_CATEGORIES);
        for (Rule rule : rules) {
            if (!(EqlParser.parse(rule.query()) instanceof Query.EventQuery event) || event.category() == null) {
                return Optional.empty();
            }
            categories.add(event.category());
        }
        ObjectNode terms = JsonNodeFactory.instance.objectNode();
        categories.forEach(terms.putObject("terms").putArray("event.category")::add);
        return Optional.of(terms.toString());
    }

    /**
     * The {@code _source} fields the job reads: those the rules, the process context and the correlation
     * decode, and those an alert copies from its event; empty (the whole document) when a rule is a
     * sequence, whose alert carries its events whole.
     */
    static List<String> sourceFields(List<Rule> rules, EqlOptions eql) {
        RuleSet ruleSet = RuleSet.compile(rules, eql);
        if (!ruleSet.sequences().isEmpty()) {
            return List.of();
        }
        // Registers what the context and the correlation read in the rules' slots, as the decoder does.
        new ContainerEventFields(ruleSet.slots());
        TreeSet<String> fields = new TreeSet<>(ruleSet.slots().paths());
        fields.addAll(AlertDocument.SOURCE_FIELDS);
        fields.add(TIMESTAMP);
        return List.copyOf(fields);
    }
}
