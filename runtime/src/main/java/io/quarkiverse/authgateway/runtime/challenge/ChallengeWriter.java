package io.quarkiverse.authgateway.runtime.challenge;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.GatewayRefusalEvent;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.devui.RecentRefusals;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkiverse.authgateway.runtime.failure.ProblemBody;
import io.quarkiverse.authgateway.runtime.metadata.ProtectedResourceMetadata;
import io.quarkiverse.authgateway.runtime.policy.GatewayRoutes;
import io.quarkiverse.authgateway.runtime.policy.RoutePolicy;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.SecurityEventHelper;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place that decides how a refused request is answered (the failure taxonomy), whichever layer refused it:
 * the authentication mechanism, the HTTP permission check, a Vert.x failure handler or a REST exception mapper.
 * It also writes the one server-side log line that says precisely why, and tells the {@link GatewayTelemetry} (metrics, tracing).
 */
@Singleton
public class ChallengeWriter {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final GatewayRoutes routes;
    private final Challenges challenges;
    private final GatewayTelemetry telemetry;
    private final long retryAfterSeconds;
    private final Event<GatewayRefusalEvent> events;
    private final RecentRefusals recent;
    private final Map<FailureReason, ProblemBody> bodies = new EnumMap<>(FailureReason.class);
    private final boolean includeCause;
    private final RefusalPages pages;
    private final ProtectedResourceMetadata metadata;

    public ChallengeWriter(GatewayRoutes routes, AuthGatewayRuntimeConfig config, Instance<GatewayTelemetry> telemetry,
            Event<GatewayRefusalEvent> events, BeanManager beans,
            @ConfigProperty(name = "quarkus.security.events.enabled", defaultValue = "true") boolean eventsEnabled,
            Instance<RecentRefusals> recent, RefusalPages pages, Instance<ProtectedResourceMetadata> metadata) {
        this.routes = routes;
        String typeBase = Challenges.problemTypeBase(config.problemTypeBase());
        this.challenges = Challenges.forRealm(config.realm(), typeBase);
        for (FailureReason reason : FailureReason.values()) {
            bodies.put(reason, ProblemBody.of(typeBase, reason.status(), reason.code(), reason.action(), reason.detail()));
        }
        this.includeCause = config.includeCause().orElse(LaunchMode.current() == LaunchMode.DEVELOPMENT);
        this.pages = pages;
        this.metadata = metadata.isResolvable() ? metadata.get() : null;
        this.telemetry = GatewayTelemetry.of(telemetry);
        this.retryAfterSeconds = GatewayAnswer.retryAfterSeconds(config.revocation().retryAfter());
        this.events = SecurityEventHelper.isEventObserved(new GatewayRefusalEvent(null, "", 0, "", Map.of()), beans,
                eventsEnabled) ? events : null;
        this.recent = recent.isResolvable() ? recent.get() : null; // dev mode only
    }

    /**
     * @param context the refused request
     * @param failure the exception that refused it, or {@code null} when only a challenge was asked for
     * @return the answer to send
     */
    public GatewayAnswer answer(RoutingContext context, Throwable failure) {
        RoutePolicy policy = routes.resolve(context);
        GatewayFailure recorded = failureOf(context, failure, policy);
        FailureReason reason = recorded.reason();
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearerPresented = authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)
                && (authorization.length() == 6 || authorization.charAt(6) == ' ');
        List<String> lines = challenges.forFailure(policy.definition(), reason, bearerPresented,
                metadata != null && policy.accepts(Scheme.BEARER) ? metadata.challengeUrl(context) : null);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Refused %s %s with %d %s (policy '%s'): %s", context.request().method(),
                    LogSafe.value(path(context, policy)), reason.status(), reason.code(), policy.name(),
                    LogSafe.text(recorded.cause()));
        }
        telemetry.refused(reason, policy.name());
        if (recent != null) {
            recent.record(context.request().method().name(), path(context, policy), reason.status(), reason.code(),
                    policy.name(), recorded.cause());
        }
        if (events != null) {
            fire(new GatewayRefusalEvent(reason.status() == 403 ? caller(context) : null, reason.code(),
                    reason.status(), policy.name(), Map.of(RoutingContext.class.getName(), context)));
        }
        long retryAfter = reason == FailureReason.STORE_UNAVAILABLE ? retryAfterSeconds : recorded.retryAfterSeconds();
        RefusalPage page = pages.page();
        if (page != null && Navigation.isNavigation(context)) {
            return page.answer(context.request(), policy.definition(), reason, lines, retryAfter);
        }
        String body = bodies.get(reason).write(context.request().path(), includeCause ? LogSafe.text(recorded.cause()) : null);
        return GatewayAnswer.problem(reason.status(), lines, body, retryAfter);
    }

    /** The path as routed; the raw path when it cannot be normalised (a refused ambiguous encoding). */
    private static String path(RoutingContext context, RoutePolicy policy) {
        return policy.malformedPath() ? context.request().path() : context.normalizedPath();
    }

    /** An observer that throws does not take the answer with it: the refusal stays the refusal. */
    private void fire(GatewayRefusalEvent event) {
        try {
            SecurityEventHelper.fire(events, event);
        } catch (RuntimeException e) {
            LOG.errorf("An observer of GatewayRefusalEvent failed with %s: %s", e.getClass().getName(),
                    LogSafe.value(e.getMessage()));
            LOG.debug("The failure of the observer", e);
        }
    }

    private static SecurityIdentity caller(RoutingContext context) {
        return context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }

    private static GatewayFailure failureOf(RoutingContext context, Throwable failure, RoutePolicy policy) {
        if (policy.malformedPath()) {
            return new GatewayFailure(FailureReason.MALFORMED_REQUEST,
                    "the request path contains an encoded separator, percent sign, control character or backslash");
        }
        GatewayFailure recorded = GatewayFailure.carriedBy(failure);
        if (recorded == null) {
            recorded = GatewayFailure.recordedOn(context);
        }
        if (recorded != null) {
            return recorded;
        }
        if (failure instanceof ForbiddenException) {
            return new GatewayFailure(FailureReason.FORBIDDEN, "policy '" + policy.name() + "' does not admit the caller");
        }
        if (context.request().headers().contains(HttpHeaders.AUTHORIZATION)) {
            return new GatewayFailure(FailureReason.INVALID_CREDENTIALS, "the credentials were rejected");
        }
        return new GatewayFailure(FailureReason.MISSING_CREDENTIALS,
                "no credentials; policy '" + policy.name() + "' requires authentication");
    }
}
