package io.ncwatch.rules;

import io.ncwatch.record.RuleUpdate;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record of the rules topic as it is: key and value; the stages check it, and dead-letter what they refuse. */
public final class RuleUpdateDeserializer implements KafkaRecordDeserializationSchema<RuleUpdate> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleUpdate> out) {
        String ruleId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        out.collect(new RuleUpdate(ruleId, record.value(), record.topic(), record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<RuleUpdate> getProducedType() {
        return TypeInformation.of(RuleUpdate.class);
    }
}
