package io.ncwatch.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.connector.elasticsearch.source.ElasticsearchSource;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.ast.Query;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
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

    private ElasticsearchHunt() {}

    public static JobExecutionResult run(JobConfig config, List<Rule> rules, HuntScope scope, Configuration flink)
            throws Exception {
        StreamExecutionEnvironment env = NcwatchJob.environment(config, flink);
        DataStream<RawEvent> events = NcwatchJob.read(env, source(config, rules, scope), "source-elasticsearch",
                config.eventTime());
        NcwatchJob.defineWorkflow(config, rules, events, ServiceSinks.prepare(config));
        return env.execute(NcwatchJob.jobName(config) + " over " + scope.index());
    }

    /** How many documents the hunt reads, by Elasticsearch's {@code _count}. */
    public static long count(JobConfig config, List<Rule> rules, HuntScope scope) throws IOException {
        return source(config, rules, scope).count();
    }

    /**
     * Reads the scope with the whole {@code _source} of each document: an alert copies the matching event's
     * fields and a hunt prints it unchanged, so no field list is pushed down; the event categories are.
     */
    static ElasticsearchSource<RawEvent> source(JobConfig config, List<Rule> rules, HuntScope scope) {
        var builder = ElasticsearchSource.<RawEvent>builder()
                .setConnection(config.elasticsearch().connection())
                .setIndex(scope.index())
                .setTimeRange(scope.from(), scope.to())
                .setTiebreaker(scope.tiebreaker())
                .setSlices(scope.slices())
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
}
