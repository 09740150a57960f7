package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;

class LocalRunTest {

    @Test
    void aLocalRunCheckpointsToATemporaryFolderAndStopsAfterAFewRestarts() throws Exception {
        Configuration flink = LocalRun.flinkSettings(JobConfig.load(NcwatchJob.DEFAULT_JOB, Map.of()));

        assertThat(flink.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        Path checkpoints = Path.of(URI.create(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)));
        assertThat(Files.isDirectory(checkpoints)).as("the checkpoint folder exists").isTrue();
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(3);
        Files.delete(checkpoints);
    }

    @Test
    void configuredCheckpointStorageIsTheJobsOwnSetting() throws Exception {
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, Map.of("checkpoints.storage", "file:///var/lib/ncwatch/checkpoints"));

        assertThat(LocalRun.flinkSettings(config).getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEmpty();
        ReadableConfig job = NcwatchJob.environment(config, new Configuration()).getConfiguration();
        assertThat(job.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///var/lib/ncwatch/checkpoints");
        assertThat(job.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
    }

    @Test
    void restartsAreTheJobsSettingInALocalRunAndOnACluster() throws Exception {
        JobConfig config = JobConfig.load(NcwatchJob.DEFAULT_JOB, Map.of("restarts.attempts", "0", "restarts.delay", "5s"));

        Configuration local = LocalRun.flinkSettings(config);
        assertThat(local.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isZero();
        ReadableConfig cluster = NcwatchJob.environment(config, new Configuration()).getConfiguration();
        assertThat(cluster.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(cluster.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isZero();
        assertThat(cluster.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY)).hasSeconds(5);
    }

    @Test
    void withoutRestartSettingsAJobOnAClusterKeepsTheClustersStrategy() {
        ReadableConfig cluster = NcwatchJob.environment(JobConfig.load(NcwatchJob.DEFAULT_JOB, Map.of()), new Configuration())
                .getConfiguration();

        assertThat(cluster.getOptional(RestartStrategyOptions.RESTART_STRATEGY)).isEmpty();
    }
}
