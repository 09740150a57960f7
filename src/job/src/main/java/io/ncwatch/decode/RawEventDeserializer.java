package io.ncwatch.decode;

import io.ncwatch.record.RawEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps a Kafka record's value and coordinates; decoding happens downstream, where bad input is dead-lettered. */
public final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        out.collect(RawEvents.of(value, record.topic(), record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
