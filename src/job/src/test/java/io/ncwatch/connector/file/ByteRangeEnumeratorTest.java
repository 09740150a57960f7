package io.ncwatch.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteRangeEnumeratorTest {
    @TempDir Path dir;

    @Test
    void cutsAFileIntoRangesThatCoverItAndLeavesACompressedFileWhole() throws Exception {
        Files.write(dir.resolve("events.jsonl"), new byte[25]);
        Files.write(dir.resolve("events.jsonl.gz"), new byte[25]);
        Files.write(dir.resolve("empty.jsonl"), new byte[0]);

        assertThat(new ByteRangeEnumerator(10).enumerateSplits(
                new org.apache.flink.core.fs.Path[] {new org.apache.flink.core.fs.Path(dir.toUri())}, 2))
                .extracting(split -> split.path().getName(), FileSourceSplit::offset, FileSourceSplit::length)
                .containsExactlyInAnyOrder(
                        tuple("events.jsonl", 0L, 10L), tuple("events.jsonl", 10L, 10L), tuple("events.jsonl", 20L, 5L),
                        tuple("events.jsonl.gz", 0L, 25L),
                        tuple("empty.jsonl", 0L, 0L));
    }
}
