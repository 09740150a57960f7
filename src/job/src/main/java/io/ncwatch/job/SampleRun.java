package io.ncwatch.job;

import io.ncwatch.connector.file.JsonLinesFormat;
import io.ncwatch.connector.file.JsonLinesSource;
import io.ncwatch.decode.RawEvents;
import io.ncwatch.record.RawEvent;
import io.ncwatch.rules.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job over JSON-lines files in this process (a local MiniCluster): each file is read as a topic of
 * its own name. Ends when the files are read. For trying the job and for tests of the whole dataflow.
 */
public final class SampleRun {
    private SampleRun() {}

    /**
     * The longest line a sample file may hold: well beyond the largest event the decoder accepts, which
     * makes a larger one a dead letter (too large) of its own.
     */
    private static final int MAX_LINE_BYTES = 16 << 20;

    /**
     * The byte ranges a file is cut into for parallel readers: small enough that readers, which take them
     * in file order, stay close in event time; large enough that opening one costs nothing next to reading it.
     */
    private static final long SPLIT_BYTES = 4 << 20;

    /**
     * Runs {@code config}'s job over every {@code *.jsonl} in {@code folder} but the generator's ground
     * truth ({@code *.truth.jsonl}), with the configured outputs.
     */
    public static void run(JobConfig config, Path folder) throws Exception {
        List<Rule> rules = JobRules.load(config.ruleFiles(), config.eql(), notice -> System.err.println("ncwatch: " + notice));
        StreamExecutionEnvironment env = NcwatchJob.environment(config, LocalRun.flinkSettings(config));
        DataStream<RawEvent> events = null;
        for (Path file : inputFiles(folder)) {
            DataStream<RawEvent> fileEvents = NcwatchJob.read(env, fileSource(file), "source-file-" + file.getFileName(),
                    config.eventTime());
            events = events == null ? fileEvents : events.union(fileEvents);
        }
        NcwatchJob.defineWorkflow(config, rules, events, ServiceSinks.prepare(config));
        env.execute("ncwatch " + config.name() + " over " + folder);
    }

    /**
     * The events of one JSON-lines file, read in parallel byte ranges, as if the file were a Kafka topic of
     * one partition: the file's name, partition 0, the line's byte offset.
     */
    public static FileSource<RawEvent> fileSource(Path file) {
        String name = file.getFileName().toString();
        JsonLinesFormat<RawEvent> lines = new JsonLinesFormat<>(
                (line, fileOffset) -> RawEvents.of(line, name, 0, fileOffset), TypeInformation.of(RawEvent.class),
                MAX_LINE_BYTES);
        return JsonLinesSource.of(lines, SPLIT_BYTES, org.apache.flink.core.fs.Path.fromLocalFile(file.toFile()));
    }

    static List<Path> inputFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no sample folder " + folder);
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> inputs = files
                    .filter(file -> file.getFileName().toString().endsWith(".jsonl"))
                    .filter(file -> !file.getFileName().toString().endsWith(".truth.jsonl"))
                    .sorted()
                    .toList();
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no *.jsonl file in " + folder);
            }
            return inputs;
        }
    }
}
