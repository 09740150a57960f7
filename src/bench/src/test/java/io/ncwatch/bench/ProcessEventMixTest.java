package io.ncwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.decode.DecodeLimits;
import io.ncwatch.decode.EcsDecoder;
import io.ncwatch.decode.RawPrefilter;
import io.ncwatch.eql.analysis.FieldSlots;
import io.ncwatch.eql.runtime.CompiledQuery;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's input is what it claims, and its fast path gives the verdicts of full decoding. */
class ProcessEventMixTest {
    private static final int COUNT = 10_000;

    @Test
    void isDeterministicAndAboutOnePointFourKilobytesPerEvent() {
        List<byte[]> events = ProcessEventMix.events(7, COUNT);
        assertThat(ProcessEventMix.events(7, COUNT)).zipSatisfy(events, (a, b) -> assertThat(a).isEqualTo(b));
        double average = events.stream().mapToInt(e -> e.length).average().orElseThrow();
        assertThat(average).isBetween(1300.0, 1500.0);
    }

    @Test
    void theRuleFindsExactlyTheListenersAndThePrefilterLosesNone() throws Exception {
        FieldSlots slots = new FieldSlots();
        CompiledQuery rule = SeedRule.compile(slots);
        EcsDecoder decoder = new EcsDecoder(slots, DecodeLimits.DEFAULT);
        RawPrefilter prefilter = new RawPrefilter(rule.requiredText());
        List<byte[]> events = ProcessEventMix.events(7, COUNT);
        int decodedByPrefilter = 0;
        int escapedListeners = 0;
        for (int i = 0; i < COUNT; i++) {
            byte[] event = events.get(i);
            boolean listener = ProcessEventMix.kindAt(i) == ProcessEventMix.Kind.LISTENER;
            boolean matches = rule.matches(decoder.decode(event, 0, event.length));
            boolean mayMatch = prefilter.mayMatch(event, 0, event.length);
            assertThat(matches).as("event %d: %s", i, new String(event, StandardCharsets.UTF_8)).isEqualTo(listener);
            assertThat(mayMatch || !matches).as("the prefilter dropped matching event %d", i).isTrue();
            decodedByPrefilter += mayMatch ? 1 : 0;
            escapedListeners += listener && ProcessEventMix.escapedAt(i) ? 1 : 0;
        }
        assertThat(escapedListeners).isEqualTo(5);
        assertThat(decodedByPrefilter).as("the listeners and health checks only").isEqualTo(10 + 100);
    }
}
