package io.ncwatch.job;

import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;

/**
 * Why a job stopped, in one line for a person: Flink wraps the failure of a task in the exception of the
 * job's end and in that of its restart strategy ("Recovery is suppressed by ..."), whose messages say
 * nothing of the cause.
 */
public final class JobFailure {
    private JobFailure() {}

    /** The first exception under Flink's wrappers, with its root cause when that is another one. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof JobExecutionException || cause instanceof JobException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? summary(cause) : summary(cause) + ", caused by " + summary(root);
    }

    private static String summary(Throwable throwable) {
        String message = throwable.getMessage();
        return throwable.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
