package io.ncwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;

class JobFailureTest {
    @Test
    void namesTheFailureUnderFlinksWrappersAndItsRootCause() {
        IOException root = new IOException("line 1 is 17825800 bytes, over the limit of 16777216 bytes");
        RuntimeException task = new RuntimeException("One or more fetchers have encountered exception", root);
        JobExecutionException end = new JobExecutionException(new JobID(), "Job execution failed.",
                new JobException("Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy", task));

        assertThat(JobFailure.describe(end)).isEqualTo("RuntimeException: One or more fetchers have encountered exception,"
                + " caused by IOException: line 1 is 17825800 bytes, over the limit of 16777216 bytes");
    }

    @Test
    void aFailureWithoutCauseIsItself() {
        assertThat(JobFailure.describe(new IllegalStateException("no rules"))).isEqualTo("IllegalStateException: no rules");
    }
}
