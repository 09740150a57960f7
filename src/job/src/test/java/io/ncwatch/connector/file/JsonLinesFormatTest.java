package io.ncwatch.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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

        assertThat(read(file)).extracting(Line::text, Line::number)
                .containsExactly(tuple("{\"a\":1}", 1L), tuple("{\"b\":2}", 3L), tuple("{\"c\":3}", 5L));
    }

    @Test
    void aLineOverTheLimitStopsTheReadWithAnErrorNamingIt() throws Exception {
        Path file = dir.resolve("big.jsonl");
        Files.writeString(file, "{\"a\":1}\n" + "x".repeat(200) + "\n{\"c\":3}\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(IOException.class)
                .hasMessage("line 2 is 200 bytes, over the limit of 100 bytes");
    }

    private record Line(String text, long number) {}

    private static List<Line> read(Path file) throws IOException {
        JsonLinesFormat<Line> format = new JsonLinesFormat<>(
                (line, number) -> new Line(new String(line, StandardCharsets.UTF_8), number), TypeInformation.of(Line.class), 100);
        List<Line> records = new ArrayList<>();
        try (StreamFormat.Reader<Line> reader = format.createReader(
                new Configuration(), LocalFileSystem.getSharedInstance().open(
                        new org.apache.flink.core.fs.Path(file.toUri())), Files.size(file), Files.size(file))) {
            for (Line record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }
        return records;
    }
}
