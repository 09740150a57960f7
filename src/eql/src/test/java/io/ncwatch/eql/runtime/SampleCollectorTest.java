package io.ncwatch.eql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ncwatch.eql.EqlCompiler;
import io.ncwatch.eql.EqlOptions;
import io.ncwatch.eql.MapEvent;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.parser.EqlParser;
import io.ncwatch.eql.parser.ast.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Elasticsearch's samples: per join key, one distinct event per filter, whatever their order in time. */
class SampleCollectorTest {
    private static final String SAMPLE = """
            sample by host.id
              [any where process.name == "a"]
              [any where process.name : ("b", "ab")]""";

    private final FieldSlots slots = new FieldSlots();

    private CompiledSample compile(String eql) {
        return new EqlCompiler(slots, EqlOptions.ELASTICSEARCH).compileSample((Query.SampleQuery) EqlParser.parse(eql));
    }

    private void feed(CompiledSample sample, SampleCollector<String> collector, String id, Object... pathsAndValues) {
        Map<String, Object> fields = MapEvent.event(pathsAndValues);
        for (SequenceHit hit : sample.hits(slot -> fields.get(slots.paths().get(slot)))) {
            collector.accept(hit, id);
        }
    }

    @Test
    void oneSamplePerKeyInKeyOrderWithEventsInFilterOrderWhateverTheirOrderInTime() {
        CompiledSample sample = compile(SAMPLE);
        SampleCollector<String> collector = sample.collector(1);
        feed(sample, collector, "b2", "host.id", "h2", "process.name", "b");
        feed(sample, collector, "a2", "host.id", "h2", "process.name", "a");
        feed(sample, collector, "a1", "host.id", "h1", "process.name", "a");
        feed(sample, collector, "b1", "host.id", "h1", "process.name", "b");
        feed(sample, collector, "b3", "host.id", "h3", "process.name", "b");
        feed(sample, collector, "a1bis", "host.id", "h1", "process.name", "a");
        assertEquals(List.of(new Sample<>(List.of("h1"), List.of("a1", "b1")), new Sample<>(List.of("h2"), List.of("a2", "b2"))),
                collector.samples());
    }

    @Test
    void anEventFillsOneFilterOfASample() {
        CompiledSample sample = compile("""
                sample by host.id
                  [any where process.name : ("ab", "b")]
                  [any where process.name : ("ab", "c")]""");
        SampleCollector<String> one = sample.collector(1);
        feed(sample, one, "ab1", "host.id", "h1", "process.name", "ab");
        SampleCollector<String> two = sample.collector(1);
        feed(sample, two, "ab1", "host.id", "h1", "process.name", "ab");
        feed(sample, two, "ab2", "host.id", "h1", "process.name", "ab");
        assertEquals(List.of(), one.samples());
        assertEquals(List.of(new Sample<>(List.of("h1"), List.of("ab1", "ab2"))), two.samples());
    }

    @Test
    void maxSamplesPerKeyTakesFurtherSamplesFromUnusedEvents() {
        CompiledSample sample = compile(SAMPLE);
        SampleCollector<String> collector = sample.collector(2);
        feed(sample, collector, "a1", "host.id", "h1", "process.name", "a");
        feed(sample, collector, "a2", "host.id", "h1", "process.name", "a");
        feed(sample, collector, "b1", "host.id", "h1", "process.name", "b");
        feed(sample, collector, "b2", "host.id", "h1", "process.name", "b");
        feed(sample, collector, "a3", "host.id", "h1", "process.name", "a");
        assertEquals(List.of(new Sample<>(List.of("h1"), List.of("a1", "b1")), new Sample<>(List.of("h1"), List.of("a2", "b2"))),
                collector.samples());
    }

    @Test
    void anAbsentOptionalKeyIsAKeyOfItsOwnAndComesFirst() {
        CompiledSample sample = compile("""
                sample by ?host.id
                  [any where process.name == "a"]
                  [any where process.name == "b"]""");
        SampleCollector<String> collector = sample.collector(1);
        feed(sample, collector, "a1", "host.id", "h1", "process.name", "a");
        feed(sample, collector, "b1", "host.id", "h1", "process.name", "b");
        feed(sample, collector, "a0", "process.name", "a");
        feed(sample, collector, "b0", "process.name", "b");
        List<Object> absent = new ArrayList<>();
        absent.add(null);
        assertEquals(List.of(new Sample<>(absent, List.of("a0", "b0")), new Sample<>(List.of("h1"), List.of("a1", "b1"))),
                collector.samples());
    }
}
