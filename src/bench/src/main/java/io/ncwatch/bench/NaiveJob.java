package io.ncwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.job.JobConfig;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.CompiledRule;
import io.ncwatch.rules.Rule;
import io.ncwatch.rules.RuleSet;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The peer baseline: the job a user writes first. Every event is parsed into a Jackson tree, the same
 * compiled rules are evaluated over it ({@link JsonNodeFields}), and a match becomes an alert (the event
 * with the rule's name and id). No process context, no correlation: less work than ncwatch does. Same
 * MiniCluster, parallelism, checkpoints and source as the ncwatch rows.
 */
final class NaiveJob {
    private NaiveJob() {}

    static StreamExecutionEnvironment define(JobConfig config, List<Rule> rules,
            Function<StreamExecutionEnvironment, DataStream<RawEvent>> source) {
        StreamExecutionEnvironment env = BenchJob.environment(config);
        source.apply(env)
                .map(new Probe.CountEvents(), TypeInformation.of(RawEvent.class))
                .name("count events").uid("count-events")
                .process(new ReadTreeAndMatch(rules), Types.STRING).name("readTree and match").uid("naive-match")
                .map(alert -> {
                    Probe.ALERTS.increment();
                    return alert;
                }, Types.STRING).name("count alerts").uid("count-alerts")
                .sinkTo(new DiscardingSink<>()).name("discard alerts").uid("discard-alerts");
        return env;
    }

    /** {@code readTree}, then each rule over the tree; a match is written out as an alert document. */
    static final class ReadTreeAndMatch extends ProcessFunction<RawEvent, String> {
        private final List<Rule> rules;
        private transient ObjectMapper json;
        private transient List<CompiledRule> compiled;
        private transient JsonNodeFields fields;

        ReadTreeAndMatch(List<Rule> rules) {
            this.rules = List.copyOf(rules);
        }

        @Override
        public void open(OpenContext context) {
            RuleSet ruleSet = RuleSet.compile(rules, EqlOptions.ELASTICSEARCH);
            compiled = ruleSet.compiled();
            fields = new JsonNodeFields(ruleSet.slots());
            json = new ObjectMapper();
        }

        @Override
        public void processElement(RawEvent raw, Context context, Collector<String> out) throws IOException {
            JsonNode event = json.readTree(raw.json);
            fields.of(event);
            for (CompiledRule rule : compiled) {
                if (rule.query().matches(fields)) {
                    ObjectNode alert = ((ObjectNode) event).deepCopy();
                    alert.putObject("rule").put("id", rule.rule().ruleId()).put("name", rule.rule().name());
                    out.collect(json.writeValueAsString(alert));
                }
            }
        }
    }
}
