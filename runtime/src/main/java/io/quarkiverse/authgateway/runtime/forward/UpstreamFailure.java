package io.quarkiverse.authgateway.runtime.forward;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.quarkiverse.authgateway.runtime.LogSafe;

/**
 * A failure to get an answer from an upstream, with the instance it happened at, and how the log names its cause.
 */
final class UpstreamFailure extends RuntimeException {

    /** The message of the timeout that a silent response body ends with. */
    static final String BODY_STALLED = "the response body stalled";

    final transient UpstreamInstance instance;

    UpstreamFailure(UpstreamInstance instance, Throwable cause) {
        super(cause.getMessage(), cause, false, false);
        this.instance = instance;
    }

    /** Whether nothing of the request reached the instance, so that the next one may be tried with any method. */
    static boolean isRefused(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof UnknownHostException;
    }

    /** Whether the upstream was too slow (504) rather than unavailable (502). */
    static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof ConnectTimeoutException
                || cause instanceof io.netty.handler.timeout.TimeoutException;
    }

    /** The cause as the log line names it: what happened and the limit that was reached, never a stack trace. */
    static String describe(Throwable cause, Upstream upstream) {
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof ConnectTimeoutException) {
            return "no connection within " + upstream.connectTimeoutMillis() + " ms";
        }
        if (cause instanceof TimeoutException) {
            return BODY_STALLED.equals(cause.getMessage())
                    ? BODY_STALLED + " for " + upstream.timeoutMillis() + " ms"
                    : "no answer within " + upstream.timeoutMillis() + " ms";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + LogSafe.value(message));
    }
}
