package io.ncwatch.connector.elasticsearch;

import java.io.IOException;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * A request Elasticsearch refuses however often it is sent: credentials it does not accept, a privilege
 * they lack, a certificate the client does not trust. It fails the job without a restart, whatever the
 * restart strategy (Flink's default on a cluster retries for ever), since every restart would meet the
 * same refusal; the job runs again once the setting its message names is fixed.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
final class RefusedRequestException extends IOException {

    private static final long serialVersionUID = 1L;

    RefusedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
