package io.ncwatch.connector.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * Cuts each file into byte ranges of {@code splitBytes} (the last one shorter), so that one large file is
 * read by parallel readers. Flink's block-splitting enumerator cuts only at a file system's blocks, and a
 * local file is one block. The format decides which lines a range holds ({@link JsonLinesFormat});
 * compressed files stay whole, as they cannot be read from the middle.
 */
public final class ByteRangeEnumerator implements FileEnumerator {
    private final long splitBytes;

    public ByteRangeEnumerator(long splitBytes) {
        if (splitBytes < 1) {
            throw new IllegalArgumentException("splitBytes must be at least 1, is " + splitBytes);
        }
        this.splitBytes = splitBytes;
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (FileSourceSplit file : new NonSplittingRecursiveEnumerator().enumerateSplits(paths, minDesiredSplits)) {
            if (StandardDeCompressors.getDecompressorForFileName(file.path().getPath()) != null) {
                splits.add(file);
                continue;
            }
            int piece = 0;
            long offset = 0;
            do {
                long length = Math.min(splitBytes, file.length() - offset);
                splits.add(new FileSourceSplit(file.splitId() + "." + piece++, file.path(), offset, length,
                        file.fileModificationTime(), file.fileSize(), file.hostnames()));
                offset += length;
            } while (offset < file.length());
        }
        return splits;
    }
}
