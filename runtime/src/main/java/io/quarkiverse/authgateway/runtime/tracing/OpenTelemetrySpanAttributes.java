package io.quarkiverse.authgateway.runtime.tracing;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;

/**
 * Puts the gateway's decision on the request's span: {@code auth_gateway.outcome} ({@code admitted} or
 * {@code refused}), {@code auth_gateway.policy}, and for refusals {@code auth_gateway.code}; for verified
 * credentials {@code auth_gateway.scheme}. Registered by the build only when the application uses
 * quarkus-opentelemetry.
 */
@Singleton
public class OpenTelemetrySpanAttributes implements GatewayTelemetry {

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("auth_gateway.outcome");
    static final AttributeKey<String> POLICY = AttributeKey.stringKey("auth_gateway.policy");
    static final AttributeKey<String> CODE = AttributeKey.stringKey("auth_gateway.code");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("auth_gateway.scheme");

    @Override
    public void refused(FailureReason reason, String policy) {
        Span span = Span.current();
        if (span.isRecording()) {
            span.setAttribute(OUTCOME, "refused");
            span.setAttribute(POLICY, policy);
            span.setAttribute(CODE, reason.code());
        }
    }

    @Override
    public void admitted(String policy) {
        Span span = Span.current();
        if (span.isRecording()) {
            span.setAttribute(OUTCOME, "admitted");
            span.setAttribute(POLICY, policy);
        }
    }

    @Override
    public void attempt(String scheme, boolean success) {
        Span span = Span.current();
        if (span.isRecording()) {
            span.setAttribute(SCHEME, scheme);
        }
    }
}
