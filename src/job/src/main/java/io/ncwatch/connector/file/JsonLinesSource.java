package io.ncwatch.connector.file;

import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/** A file source of JSON lines whose files are cut into byte ranges read in parallel, in file order. */
public final class JsonLinesSource {
    private JsonLinesSource() {}

    public static <T> FileSource<T> of(JsonLinesFormat<T> format, long splitBytes, Path... paths) {
        return FileSource.forRecordStreamFormat(format, paths)
                .setFileEnumerator(() -> new ByteRangeEnumerator(splitBytes))
                .setSplitAssigner(InOrderSplitAssigner::new)
                .build();
    }
}
