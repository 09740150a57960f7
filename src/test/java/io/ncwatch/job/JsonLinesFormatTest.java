package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ncwatch.source.kafka.RawEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {
    @TempDir Path dir;

    @Test
    void eachLineIsARecordNumberedByItsLine() throws Exception {
        Path file = dir.resolve("fleet.jsonl");
        Files.writeString(file, "{\"a\":1}\n\n{\"b\":2}\r\n  \n{\"c\":3}");

        List<RawEvent> records = new ArrayList<>();
        try (StreamFormat.Reader<RawEvent> reader = new JsonLinesFormat("fleet.jsonl").createReader(
                new Configuration(), LocalFileSystem.getSharedInstance().open(
                        new org.apache.flink.core.fs.Path(file.toUri())), Files.size(file), Files.size(file))) {
            for (RawEvent record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }

        assertThat(records).extracting(r -> new String(r.json, StandardCharsets.UTF_8), r -> r.topic, r -> r.partition, r -> r.offset)
                .containsExactly(
                        tuple("{\"a\":1}", "fleet.jsonl", 0, 1L),
                        tuple("{\"b\":2}", "fleet.jsonl", 0, 3L),
                        tuple("{\"c\":3}", "fleet.jsonl", 0, 5L));
    }
}
