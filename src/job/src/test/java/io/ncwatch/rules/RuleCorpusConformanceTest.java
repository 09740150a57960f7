package io.ncwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.DecodedEvent;
import io.ncwatch.decode.EcsDecoder;
import io.ncwatch.decode.MalformedEventException;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.EqlSyntaxException;
import io.ncwatch.eql.parser.ast.Query;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule of a rule corpus (a detection-rules checkout, a Kibana export, or a folder of them) named by
 * the environment variable {@code NCWATCH_RULE_CORPUS}: every query parses, every single-event query
 * compiles and runs over a handful of events, every sequence compiles, every sample is reported as
 * unsupported in a stream, not as an error. Skipped when the variable is unset.
 */
class RuleCorpusConformanceTest {

    /** Process, file and network events of the shapes the container rules read: arrays, dotted keys, numbers. */
    private static final List<String> EVENTS = List.of(
            """
            {"@timestamp":"2026-11-28T06:12:44.318Z","event":{"kind":"event","category":["process"],"type":["start"],\
            "action":"exec","module":"cloud_defend"},"process":{"entity_id":"Njc0YjYx","pid":48213,"name":"nc",\
            "executable":"/usr/bin/nc","args":["nc","-lvnp","4444"],"args_count":3,"command_line":"nc -lvnp 4444",\
            "interactive":true,"working_directory":"/app","parent":{"name":"bash","executable":"/bin/bash",\
            "args":["bash"],"interactive":true},"user":{"id":0,"name":"root"},"group":{"id":0}},\
            "container":{"id":"8c4b2f9e6a1d","image.name":"registry.example/payments-api","image.tag":["1.14.2"]},\
            "orchestrator":{"namespace":"payments","resource.name":"payments-api-7d9f","resource.type":"pod"},\
            "host":{"name":"node-17","os":{"type":"linux"}}}""",
            """
            {"@timestamp":"2026-11-28T06:13:00.000Z","event.category":"process","event.type":"start",\
            "event.action":"exec","process.name":"kubectl","process.executable":"/tmp/kubectl",\
            "process.args":["kubectl","get","pods","--token=abc","-A"],"process.parent.name":"sh",\
            "process.parent.executable":"/tmp/.x/sh","process.interactive":false,"host.os.type":"linux",\
            "container.id":"","user.id":"1000","process.env_vars":["KUBECONFIG=/root/.kube/config"]}""",
            """
            {"@timestamp":"2026-11-28T06:13:01.000Z","event":{"category":["file"],"type":["creation","change"],\
            "action":"creation"},"file":{"path":"/etc/ld.so.preload","name":"ld.so.preload","extension":"preload"},\
            "process":{"name":"echo","executable":"/bin/echo","args":["echo","/lib/x.so"],\
            "interactive":true},"container":{"id":"3f1a9c7e5b2d"},"host":{"os":{"type":"linux"}}}""",
            """
            {"@timestamp":"2026-11-28T06:13:02.877Z","event":{"category":["network"],"type":["start"],\
            "action":"connection_accepted"},"process":{"entity_id":"Njc0YjYx","pid":48213,"name":"nc"},\
            "source":{"ip":"203.0.113.45","port":51544},"destination":{"ip":"10.42.3.17","port":4444},\
            "network":{"transport":"tcp"},"container":{"id":"8c4b2f9e6a1d"}}""",
            """
            {"@timestamp":1764310400000,"event":{"category":"process","type":"end","action":"end"},\
            "process":{"name":null,"args":[null,"-c",12,true,1.5],"parent":{"name":["runc","containerd-shim"]}}}""",
            """
            {"@timestamp":"2026-11-28T06:14:00Z"}""");

    @Test
    void everyRuleParsesAndEverySingleEventRuleRuns() throws MalformedEventException {
        String corpus = System.getenv("NCWATCH_RULE_CORPUS");
        assumeTrue(corpus != null && !corpus.isBlank(), "NCWATCH_RULE_CORPUS is not set");

        LoadedRules loaded = RuleFiles.load(Path.of(corpus));
        assertThat(loaded.rules()).as("EQL rules in %s", corpus).isNotEmpty();

        List<String> syntaxErrors = new ArrayList<>();
        List<Rule> sequences = new ArrayList<>();
        List<Rule> samples = new ArrayList<>();
        for (Rule rule : loaded.rules()) {
            try {
                Query query = EqlParser.parse(rule.query());
                if (query instanceof Query.SequenceQuery) {
                    sequences.add(rule);
                } else if (query instanceof Query.SampleQuery) {
                    samples.add(rule);
                }
            } catch (EqlSyntaxException e) {
                syntaxErrors.add(rule.origin() + " \"" + rule.name() + "\": " + e.getMessage());
            }
        }
        assertThat(syntaxErrors).as("rules that do not parse").isEmpty();

        RuleSet set = RuleSet.compile(loaded.rules(), EqlOptions.ELASTICSEARCH);
        assertThat(set.unsupported()).extracting(RuleSet.Unsupported::rule)
                .as("samples are reported unsupported, and nothing else")
                .containsExactlyElementsOf(samples);
        assertThat(set.sequences()).extracting(SequenceRule::rule).containsExactlyElementsOf(sequences);
        assertThat(set.compiled()).hasSize(loaded.rules().size() - sequences.size() - samples.size());

        EcsDecoder decoder = new EcsDecoder(set.slots(), DecodeLimits.DEFAULT);
        int matches = 0;
        for (String json : EVENTS) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            DecodedEvent event = decoder.decode(bytes, 0, bytes.length);
            for (CompiledRule rule : set.compiled()) {
                matches += rule.query().matches(event) ? 1 : 0;
            }
        }
        System.out.printf("rule corpus %s: %d EQL rules, %d single-event rules ran over %d events (%d matches),"
                        + " %d sequences compiled, %d samples reported unsupported, %d entries skipped%n",
                corpus, loaded.rules().size(), set.compiled().size(), EVENTS.size(), matches, sequences.size(),
                samples.size(), loaded.skipped().size());
    }
}
