package io.ncwatch.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ncwatch.eql.runtime.PartialSequence;
import io.ncwatch.eql.runtime.SequenceMember;
import io.ncwatch.eql.runtime.SequenceState;
import io.ncwatch.job.TestEvents;
import io.ncwatch.record.SequenceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The sequence stage's state serializers: what they write reads back the same, and how large it is. */
class SequenceEventSerializerTest {

    private static SequenceEvent event(String eventId, String optionalKey) {
        SequenceEvent event = new SequenceEvent();
        event.ruleId = "1dc56174-5d02-4ca4-af92-e391f096fb21";
        event.joinKeys = new String[] {"8c4b2f9e6a1d", "0", optionalKey};
        event.key = SequenceEvent.keyOf(event.ruleId, event.joinKeys);
        event.stages = new int[] {0, 2};
        event.until = true;
        event.timestamp = 1_796_000_000_123L;
        event.eventId = eventId;
        event.topic = "ncwatch.process-events";
        event.partition = 3;
        event.offset = 81_234;
        event.raw = TestEvents.exec("e1", "2026-11-28T06:12:44Z", "8c4b2f9e6a1d", "curl", "curl", "-O", "x")
                .getBytes(StandardCharsets.UTF_8);
        return event;
    }

    private static <T> byte[] write(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T read(TypeSerializer<T> serializer, byte[] bytes) throws IOException {
        return serializer.deserialize(new DataInputDeserializer(bytes));
    }

    @Test
    void anEventReadsBackAsWrittenNullsIncluded() throws IOException {
        SequenceEvent full = event("e1", "payload");
        SequenceEvent sparse = event(null, null);
        sparse.topic = null;
        sparse.raw = null;

        for (SequenceEvent event : List.of(full, sparse)) {
            SequenceEvent back = read(SequenceEventSerializer.INSTANCE, write(SequenceEventSerializer.INSTANCE, event));
            assertThat(back).usingRecursiveComparison().isEqualTo(event);
        }
    }

    @Test
    void aMatchersStateReadsBackAsWritten() throws IOException {
        PartialSequence<SequenceEvent> partial = new PartialSequence<>(List.of(
                new SequenceMember<>(0, 1_000, event("e1", "a")), new SequenceMember<>(1, 2_000, event("e2", null))), 500L, null);
        SequenceState<SequenceEvent> state = new SequenceState<>(List.of(partial), List.of(400L, 500L));

        SequenceState<SequenceEvent> back = read(SequenceStateSerializer.INSTANCE, write(SequenceStateSerializer.INSTANCE, state));

        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(SequenceStateSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(SequenceStateSerializer.INSTANCE);
    }

    @Test
    void anEventTakesNoMoreBytesThanFlinksPojoSerializerWrites() throws IOException {
        SequenceEvent event = event("e1", "payload");
        var pojo = TypeInformation.of(SequenceEvent.class).createSerializer(new SerializerConfigImpl());

        int ours = write(SequenceEventSerializer.INSTANCE, event).length;
        int flinks = write(pojo, event).length;

        System.out.printf("a sequence event in state: %d bytes, %d with Flink's POJO serializer (raw event %d bytes)%n",
                ours, flinks, event.raw.length);
        assertThat(ours).isLessThanOrEqualTo(flinks);
    }
}
