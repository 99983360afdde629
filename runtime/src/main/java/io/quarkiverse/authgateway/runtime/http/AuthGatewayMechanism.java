package io.quarkiverse.authgateway.runtime.http;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.basic.BasicCredentials;
import io.quarkiverse.authgateway.runtime.bearer.BearerTokens;
import io.quarkiverse.authgateway.runtime.bearer.LocalTokenRequest;
import io.quarkiverse.authgateway.runtime.challenge.ChallengeWriter;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkiverse.authgateway.runtime.policy.GatewayRoutes;
import io.quarkiverse.authgateway.runtime.policy.RoutePolicy;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's single authentication mechanism. It reads the {@code Authorization} header once, checks that the
 * route's policy accepts its scheme, parses the credentials strictly and hands them to the identity provider of
 * the scheme. It has three outcomes: no credentials (a {@code null} identity, so the policy decides), a failure with
 * a recorded reason, or the identity providers' answer. Every refusal is answered by the {@link ChallengeWriter}.
 */
@Singleton
public class AuthGatewayMechanism implements HttpAuthenticationMechanism {

    /** Ahead of every built-in mechanism, so that ours is the challenge Quarkus asks for first. */
    static final int PRIORITY = 5000;

    private static final Set<Class<? extends AuthenticationRequest>> CREDENTIAL_TYPES = Set
            .of(UsernamePasswordAuthenticationRequest.class, LocalTokenRequest.class);

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final GatewayRoutes routes;
    private final ChallengeWriter writer;

    public AuthGatewayMechanism(GatewayRoutes routes, ChallengeWriter writer) {
        this.routes = routes;
        this.writer = writer;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        RoutePolicy policy = routes.resolve(context);
        if (policy.malformedPath()) {
            return fail(context, FailureReason.MALFORMED_REQUEST, "ambiguously encoded request path");
        }
        List<String> values = context.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        if (policy.accepts(Scheme.BEARER) && hasTokenInQuery(context)) {
            // RFC 6750 section 2.3 tokens in URIs end up in logs and histories: refused, never read
            return fail(context, FailureReason.MALFORMED_REQUEST, "an access_token query parameter");
        }
        if (values.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        if (values.size() > 1) {
            return fail(context, FailureReason.MALFORMED_REQUEST, values.size() + " Authorization headers");
        }
        String header = values.get(0);
        int schemeLength = header.indexOf(' ');
        if (schemeLength < 0) {
            schemeLength = header.length();
        }
        if (schemeLength == 0) {
            return fail(context, FailureReason.MALFORMED_CREDENTIALS, "the Authorization header has no scheme");
        }
        Scheme scheme = Scheme.fromHeader(header, schemeLength);
        if (scheme == null || !policy.accepts(scheme)) {
            return fail(context, FailureReason.SCHEME_NOT_ACCEPTED, "policy '" + policy.name() + "' does not accept "
                    + (scheme == null ? "the presented scheme" : "scheme " + scheme.headerName()));
        }
        AuthenticationRequest request = scheme == Scheme.BEARER
                ? bearer(context, header, schemeLength)
                : basic(context, header, schemeLength);
        if (request == null) {
            return Uni.createFrom().failure(GatewayFailure.recordedOn(context).toException());
        }
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        // one operator: each one more is a context capture on every request, failing or not
        return identityProviderManager.authenticate(request).onFailure().transform(failure -> {
            Throwable answered = failure instanceof AuthenticationException || failure instanceof SecurityException
                    ? failure
                    : internalError(failure);
            GatewayFailure carried = GatewayFailure.carriedBy(answered);
            if (carried != null) {
                carried.recordOn(context);
            }
            return answered;
        });
    }

    /**
     * A failure that is not a refusal (a defect here, or a user store of the application that throws) still gets the
     * uniform answer, a 500 without any detail; the log gets one ERROR line naming the exception, its stack at DEBUG.
     */
    private static Throwable internalError(Throwable failure) {
        LOG.errorf("Authentication failed with %s: %s", failure.getClass().getName(), LogSafe.value(failure.getMessage()));
        LOG.debug("The failure of the authentication", failure);
        return new GatewayFailure(FailureReason.INTERNAL_ERROR, "authentication failed with "
                + failure.getClass().getName()).toException();
    }

    private static AuthenticationRequest basic(RoutingContext context, String header, int schemeLength) {
        BasicCredentials credentials = BasicCredentials.parse(header, schemeLength);
        if (credentials.error() != null) {
            new GatewayFailure(FailureReason.MALFORMED_CREDENTIALS, credentials.error()).recordOn(context);
            return null;
        }
        return new UsernamePasswordAuthenticationRequest(credentials.username(),
                new PasswordCredential(credentials.password()));
    }

    private static AuthenticationRequest bearer(RoutingContext context, String header, int schemeLength) {
        String token = BearerTokens.token(header, schemeLength);
        String problem = token == null ? "the Bearer scheme carries no token" : BearerTokens.syntaxError(token);
        if (problem != null) {
            new GatewayFailure(FailureReason.INVALID_TOKEN, problem).recordOn(context);
            return null;
        }
        LocalTokenRequest request = new LocalTokenRequest(token);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return request;
    }

    private static boolean hasTokenInQuery(RoutingContext context) {
        String query = context.request().query();
        if (query == null || (query.indexOf('%') < 0 && !query.contains("access_token"))) {
            return false;
        }
        try {
            // decoded names: access%5Ftoken and a bare access_token are the same parameter
            return context.queryParams().contains("access_token");
        } catch (RuntimeException e) {
            return true; // an undecodable query on a Bearer route: refused as malformed all the same
        }
    }

    private static Uni<SecurityIdentity> fail(RoutingContext context, FailureReason reason, String cause) {
        GatewayFailure failure = new GatewayFailure(reason, cause);
        failure.recordOn(context);
        return Uni.createFrom().failure(failure.toException());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // Only used by callers that can carry a single header value; sendChallenge writes the full answer.
        List<String> challenges = routes.resolve(context).challenges();
        return Uni.createFrom().item(new ChallengeData(401, GatewayAnswer.WWW_AUTHENTICATE,
                challenges.isEmpty() ? null : challenges.get(0)));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended()) {
            writer.answer(context, HttpSecurityUtils.getAuthenticationFailureFromEvent(context)).write(context);
        }
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return CREDENTIAL_TYPES;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        // one mechanism carries every scheme; the transport is the Authorization header whatever its scheme
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "gateway"));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
