package io.ncwatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FileUtils;

/**
 * What a run of the job inside this process ({@code ncwatch run}) needs that a Flink cluster provides:
 * checkpoints on disk, and an end to a job that keeps failing. Flink's default in a process of its own
 * keeps checkpoints in the JobManager's memory, 5 MiB at most, which the state of a large input outgrows:
 * every checkpoint then fails, and the job restarts from the last good one, forever and silently. And,
 * when asked, a Prometheus endpoint, which on a cluster its own configuration sets up.
 */
public final class LocalRun {
    /** Restarts a local run gets before it stops with its failure, unless {@code restarts.attempts} says otherwise. */
    static final int RESTARTS = 3;

    /** How often a local run of {@code config} restarts before it stops. */
    public static int restarts(JobConfig config) {
        return config.restarts().attempts() == null ? RESTARTS : config.restarts().attempts();
    }

    private LocalRun() {}

    /**
     * Checkpoints in a temporary folder unless {@code checkpoints.storage} names a place; a fixed-delay
     * restart strategy with {@value #RESTARTS} attempts unless the job sets its own, after which the run
     * ends with the cause; Flink's Prometheus reporter when {@code metrics.prometheus-port} is set.
     */
    public static Configuration flinkSettings(JobConfig config) throws IOException {
        Configuration flink = new Configuration();
        if (config.checkpoints().storage() == null) {
            Path checkpoints = Files.createTempDirectory("ncwatch-checkpoints-");
            // A run in this process cannot resume from them: the folder goes with the process.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(checkpoints.toFile())));
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        }
        config.restarts().applyTo(flink, restarts(config));
        config.metrics().applyTo(flink);
        return flink;
    }
}
