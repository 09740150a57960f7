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
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {
    private static final int MAX_LINE_BYTES = 100;

    @TempDir Path dir;

    @Test
    void eachLineIsARecordAtTheByteOffsetWhereItStarts() throws Exception {
        Path file = write("fleet.jsonl", "{\"a\":1}\n\n{\"b\":2}\r\n  \n{\"c\":3}");

        assertThat(records(file, 1 << 20, 1 << 20)).extracting(Line::text, Line::fileOffset)
                .containsExactly(tuple("{\"a\":1}", 0L), tuple("{\"b\":2}", 9L), tuple("{\"c\":3}", 21L));
    }

    @Test
    void aLineOverTheLimitStopsTheReadWithAnErrorNamingIt() throws Exception {
        Path file = write("big.jsonl", "{\"a\":1}\n" + "x".repeat(200) + "\n{\"c\":3}\n");

        assertThatThrownBy(() -> records(file, 1 << 20, 1 << 20)).isInstanceOf(IOException.class)
                .hasMessage("the line at byte 8 is 200 bytes, over the limit of 100 bytes");
    }

    @Test
    void aLineOverTheLimitFailsOnlyTheSplitWhereItStarts() throws Exception {
        Path file = write("big.jsonl", "{\"a\":1}\n" + "x".repeat(200) + "\n{\"c\":3}\n");
        List<FileSourceSplit> splits = splits(file, 50);

        assertThatThrownBy(() -> read(splits.get(0), config(1 << 20))).isInstanceOf(IOException.class)
                .hasMessage("the line at byte 8 is 200 bytes, over the limit of 100 bytes");
        assertThat(read(splits.get(4), config(1 << 20))).extracting(Line::text).containsExactly("{\"c\":3}");
        assertThat(read(splits.get(2), config(1 << 20))).isEmpty();
    }

    /**
     * Random files (blank lines, CRLF, multi-byte characters, a last line with or without a newline) cut
     * into byte ranges of random sizes, read with random batch sizes: each line is read once, in the
     * range where it starts, and a reader restored from any record's checkpointed position reads exactly
     * the records after it.
     */
    @Test
    void everyLineIsReadExactlyOnceAcrossSplitsAndAfterARestore() throws Exception {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            byte[] bytes = randomLines(random).getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve("random-" + seed + ".jsonl");
            Files.write(file, bytes);
            Configuration config = config(1 + random.nextInt(200));

            List<Line> read = new ArrayList<>();
            for (FileSourceSplit split : splits(file, 1 + random.nextInt(bytes.length + 2))) {
                List<RecordAndPosition<Line>> records = readWithPositions(split, config);
                records.forEach(record -> read.add(record.getRecord()));
                if (!records.isEmpty()) {
                    int checkpointAfter = random.nextInt(records.size());
                    RecordAndPosition<Line> last = records.get(checkpointAfter);
                    FileSourceSplit restored = split.updateWithCheckpointedPosition(
                            new CheckpointedPosition(last.getOffset(), last.getRecordSkipCount()));
                    assertThat(readWithPositions(restored, config)).as("seed %d, restored %s", seed, restored)
                            .extracting(RecordAndPosition::getRecord)
                            .containsExactlyElementsOf(records.subList(checkpointAfter + 1, records.size())
                                    .stream().map(RecordAndPosition::getRecord).toList());
                }
            }
            assertThat(read).as("seed %d", seed).containsExactlyElementsOf(expectedLines(bytes));
        }
    }

    private record Line(String text, long fileOffset) {}

    private static String randomLines(Random random) {
        String[] pieces = {"{\"a\":1}", "é", "x", " ", "\t", "\"\\n\"", "{}", "ü€"};
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            boolean last = i == lines - 1;
            if (!last || random.nextBoolean()) {
                text.append(random.nextInt(3) == 0 ? "\r\n" : "\n");
            }
        }
        return text.toString();
    }

    /** The non-blank lines of {@code bytes}, each without its line ending, at the offset where it starts. */
    private static List<Line> expectedLines(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            String text = new String(bytes, start, contentEnd - start, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                lines.add(new Line(text, start));
            }
            start = end + 1;
        }
        return lines;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Configuration config(int fetchBytes) {
        Configuration config = new Configuration();
        config.set(StreamFormat.FETCH_IO_SIZE, new MemorySize(fetchBytes));
        return config;
    }

    private static List<FileSourceSplit> splits(Path file, long splitBytes) throws IOException {
        return new ArrayList<>(new ByteRangeEnumerator(splitBytes).enumerateSplits(
                new org.apache.flink.core.fs.Path[] {new org.apache.flink.core.fs.Path(file.toUri())}, 1));
    }

    private static List<Line> records(Path file, long splitBytes, int fetchBytes) throws IOException {
        List<Line> records = new ArrayList<>();
        for (FileSourceSplit split : splits(file, splitBytes)) {
            records.addAll(read(split, config(fetchBytes)));
        }
        return records;
    }

    private static List<Line> read(FileSourceSplit split, Configuration config) throws IOException {
        return readWithPositions(split, config).stream().map(RecordAndPosition::getRecord).toList();
    }

    /** Reads a split as the file source does, restoring it when it holds a checkpointed position. */
    private static List<RecordAndPosition<Line>> readWithPositions(FileSourceSplit split, Configuration config)
            throws IOException {
        StreamFormatAdapter<Line> format = new StreamFormatAdapter<>(new JsonLinesFormat<>(
                (line, offset) -> new Line(new String(line, StandardCharsets.UTF_8), offset),
                TypeInformation.of(Line.class), MAX_LINE_BYTES));
        List<RecordAndPosition<Line>> records = new ArrayList<>();
        try (BulkFormat.Reader<Line> reader = split.getReaderPosition().isPresent()
                ? format.restoreReader(config, split)
                : format.createReader(config, split)) {
            for (BulkFormat.RecordIterator<Line> batch = reader.readBatch(); batch != null; batch = reader.readBatch()) {
                for (RecordAndPosition<Line> record = batch.next(); record != null; record = batch.next()) {
                    records.add(new RecordAndPosition<>(record.getRecord(), record.getOffset(), record.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return records;
    }
}
