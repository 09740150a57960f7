package io.ncwatch.connector.elasticsearch;

import java.io.IOException;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.SerializedThrowable;

/**
 * A request Elasticsearch refuses however often it is sent: credentials it does not accept, a privilege
 * they lack, a certificate the client does not trust. It fails the job without a restart, whatever the
 * restart strategy (Flink's default on a cluster retries for ever), since every restart would meet the
 * same refusal; the job runs again once the setting its message names is fixed.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
final class RefusedRequestException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * The cause is kept as a {@link SerializedThrowable} (its messages and stack traces): the client's
     * own exceptions hold parts that do not serialize, and an exception the JobManager cannot
     * deserialize loses this class, and with it the mark that stops restarts.
     */
    RefusedRequestException(String message, Throwable cause) {
        super(message, new SerializedThrowable(cause));
    }
}
