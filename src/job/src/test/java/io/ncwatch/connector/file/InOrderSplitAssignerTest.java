package io.ncwatch.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

class InOrderSplitAssignerTest {

    @Test
    void handsOutSplitsByFileThenOffsetAndAReturnedSplitAgainInItsPlace() {
        FileSourceSplit a0 = split("a.jsonl", 0);
        FileSourceSplit a10 = split("a.jsonl", 10);
        FileSourceSplit a20 = split("a.jsonl", 20);
        FileSourceSplit b0 = split("b.jsonl", 0);
        InOrderSplitAssigner assigner = new InOrderSplitAssigner(List.of(b0, a20, a0, a10));

        List<FileSourceSplit> handedOut = new ArrayList<>();
        handedOut.add(assigner.getNext(null).orElseThrow());
        handedOut.add(assigner.getNext("host").orElseThrow());
        assigner.addSplits(List.of(a0));
        for (Optional<FileSourceSplit> next = assigner.getNext(null); next.isPresent(); next = assigner.getNext(null)) {
            handedOut.add(next.get());
        }

        assertThat(handedOut).containsExactly(a0, a10, a0, a20, b0);
        assertThat(assigner.remainingSplits()).isEmpty();
    }

    private static FileSourceSplit split(String file, long offset) {
        return new FileSourceSplit(file + offset, new Path("/data/" + file), offset, 10, 0, 30);
    }
}
