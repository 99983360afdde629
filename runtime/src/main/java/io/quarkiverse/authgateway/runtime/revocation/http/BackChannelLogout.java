package io.quarkiverse.authgateway.runtime.revocation.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtContext;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.bearer.BearerTokens;
import io.quarkiverse.authgateway.runtime.bearer.JwtIssuers;
import io.quarkiverse.authgateway.runtime.bearer.LocalIssuer;
import io.quarkiverse.authgateway.runtime.revocation.GatewayRevocationService;
import io.smallrye.mutiny.Uni;

/**
 * OpenID Connect Back-Channel Logout 1.0: a logout token from an identity provider, verified with the keys of the
 * local issuer its {@code iss} names, revokes the session ({@code sid}) or, without one, the subject ({@code sub}),
 * so that a logout at the identity provider ends API access too.
 */
@Singleton
public class BackChannelLogout {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final JwtIssuers issuers;
    private final GatewayRevocationService revocations;
    private final List<String> audience;
    private final Duration replayWindow;
    private final Map<String, JwtConsumer> consumers = new ConcurrentHashMap<>();

    public BackChannelLogout(JwtIssuers issuers, GatewayRevocationService revocations, AuthGatewayRuntimeConfig config) {
        this.issuers = issuers;
        this.revocations = revocations;
        this.audience = config.revocation().backChannelLogout().audience().orElse(List.of());
        this.replayWindow = config.revocation().maxTokenLifetime();
    }

    /**
     * @param logoutToken the {@code logout_token} form parameter
     * @return the revocation made; a {@link RefusedException} whose message says why the token is refused (for the log)
     */
    Uni<RevocationEntry> logout(String logoutToken) {
        if (audience.isEmpty()) {
            return refuse("back-channel logout has no audience configured");
        }
        if (BearerTokens.screen(logoutToken) != null) {
            return refuse("the logout token is not a signed JWT");
        }
        JwtClaims claims;
        LocalIssuer issuer;
        try {
            JwtContext parsed = BearerTokens.parseUntrusted(logoutToken);
            if (parsed.getJoseObjects().size() != 1) {
                return refuse("nested logout tokens are not accepted");
            }
            issuer = issuers.find(parsed.getJwtClaims().getIssuer());
            if (issuer == null) {
                return refuse("no issuer is configured for the logout token's iss");
            }
            claims = consumers.computeIfAbsent(issuer.name(), name -> issuer.logoutTokenConsumer(audience))
                    .processToClaims(logoutToken);
        } catch (InvalidJwtException | MalformedClaimException e) {
            return refuse("the logout token does not verify (signature, issuer, audience or iat)");
        }
        // OpenID Connect Back-Channel Logout 1.0 section 2.4: events holds the logout event with a JSON object as its
        // value, nonce is forbidden; sid and sub, where present, are strings. exp is checked when present (identity
        // providers written to earlier drafts send none; the jti replay check covers the token's whole life)
        if (!(claims.getClaimValue("events") instanceof Map<?, ?> events) || !(events.get(EVENT) instanceof Map)) {
            return refuse("the logout token has no back-channel logout event with an object value");
        }
        if (claims.hasClaim("nonce")) {
            return refuse("a logout token must not carry a nonce");
        }
        Object sid = claims.getClaimValue("sid");
        Object sub = claims.getClaimValue("sub");
        if ((sid != null && !(sid instanceof String)) || (sub != null && !(sub instanceof String))) {
            return refuse("the logout token's sid or sub is not a string");
        }
        if (sid == null && sub == null) {
            return refuse("the logout token names neither sid nor sub");
        }
        Object jti = claims.getClaimValue("jti");
        if (!(jti instanceof String tokenId)) {
            return refuse("the logout token has no jti");
        }
        String reason = "back-channel logout from issuer '" + issuer.name() + "'";
        // one use per logout token on every instance that shares the store
        return revocations.firstUse("logout-jti:" + issuer.name() + '|' + tokenId, replayWindow).chain(first -> {
            if (!first) {
                return refuse("the logout token was already used (jti replay)");
            }
            LOG.debugf("Back-channel logout of %s %s", sid instanceof String ? "session" : "subject",
                    LogSafe.value(sid instanceof String ? sid : sub));
            return sid instanceof String session
                    ? revocations.revokeSession(session, reason)
                    : revocations.revokeSubject((String) sub, reason);
        });
    }

    private static Uni<RevocationEntry> refuse(String why) {
        return Uni.createFrom().failure(new RefusedException(why));
    }

    /**
     * A logout token that is not acceptable: the endpoint answers 400. Its own type, so that no other failure is ever
     * mistaken for a refused token.
     */
    static final class RefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RefusedException(String why) {
            super(why, null, false, false);
        }
    }
}
