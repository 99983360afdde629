package io.quarkiverse.authgateway.runtime.revocation;

import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.answer;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.formValue;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.guarded;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.isContentType;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.json;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.problem;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.refused;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.reply;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.withBody;
import static io.quarkiverse.authgateway.runtime.revocation.EndpointSupport.withJsonBody;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationEntry.Kind;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.quarkiverse.authgateway.runtime.bearer.BearerIdentityProvider;
import io.quarkus.arc.Arc;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP sources of revocations: the admin endpoint (JSON in and out, protected by its own policy) and the
 * RFC 7009-style endpoint where a client revokes the token it presents. Bodies are strictly checked: content type,
 * size, known fields only; every refusal is a problem+json 4xx and revokes nothing.
 */
public final class RevocationEndpoints {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    private static final Set<String> FIELDS = Set.of("kind", "id", "reason", "expiresAt");
    private static final int MAX_ID = 2048;
    private static final int MAX_REASON = 500;

    private RevocationEndpoints() {
    }

    /**
     * @param base the admin path, for example {@code /auth-gateway/revocations}
     * @return the handler of {@code base} and {@code base/*}
     */
    public static Handler<RoutingContext> admin(String base) {
        return guarded(context -> {
            String rest = context.normalizedPath().substring(Math.min(base.length(), context.normalizedPath().length()));
            HttpMethod method = context.request().method();
            if (rest.isEmpty() || rest.equals("/")) {
                if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                    reply(context, service().list().map(RevocationEndpoints::toJson), 200);
                } else if (method == HttpMethod.POST) {
                    withJsonBody(context, body -> revoke(context, body));
                } else {
                    context.response().putHeader("Allow", "GET, HEAD, POST");
                    problem(context, 405, "method_not_allowed", "Use GET to list and POST to revoke.");
                }
                return;
            }
            String[] parts = rest.substring(1).split("/", 2);
            Kind kind = kind(parts[0]);
            if (kind == null || parts.length < 2 || parts[1].isEmpty()) {
                problem(context, 404, "not_found", "Entries are addressed as {kind}/{id}.");
                return;
            }
            String id = pathSegment(parts[1]);
            if (id == null || PrincipalNames.problem(id) != null) {
                problem(context, 404, "not_found", "No such revocation entry.");
                return;
            }
            if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                answer(context, service().find(kind, id), entry -> {
                    if (entry == null) {
                        problem(context, 404, "not_found", "No such revocation entry.");
                    } else {
                        json(context, 200, toJson(entry).encode());
                    }
                });
            } else if (method == HttpMethod.DELETE) {
                String why = context.request().getParam("reason");
                if (why == null || why.isBlank()) {
                    problem(context, 400, "invalid_request", "Give the reason for lifting the entry: ?reason=...");
                    return;
                }
                answer(context, service().lift(kind, id, why), removed -> {
                    if (removed) {
                        context.response().setStatusCode(204).end();
                    } else {
                        problem(context, 404, "not_found", "No such revocation entry.");
                    }
                });
            } else {
                context.response().putHeader("Allow", "GET, HEAD, DELETE");
                problem(context, 405, "method_not_allowed", "Use GET to read and DELETE to lift an entry.");
            }
        });
    }

    /**
     * @return the handler of the endpoint where a client revokes the Bearer token it presents
     */
    public static Handler<RoutingContext> selfRevocation() {
        return guarded(context -> {
            if (context.request().method() != HttpMethod.POST) {
                context.response().putHeader("Allow", "POST");
                problem(context, 405, "method_not_allowed", "Use POST with token=<the token you present>.");
                return;
            }
            if (!isContentType(context, "application/x-www-form-urlencoded")) {
                problem(context, 415, "unsupported_media_type", "Send application/x-www-form-urlencoded.");
                return;
            }
            withBody(context, body -> {
                String token = formValue(body.toString(), "token");
                SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user
                        ? user.getSecurityIdentity()
                        : null;
                TokenCredential presented = identity == null ? null : identity.getCredential(TokenCredential.class);
                if (token == null) {
                    problem(context, 400, "invalid_request", "The token parameter is required.");
                } else if (presented == null || !presented.getToken().equals(token)) {
                    problem(context, 403, "forbidden", "A client may revoke only the token it presents.");
                } else {
                    Map<String, Object> claims = identity.getAttribute(BearerIdentityProvider.CLAIMS_ATTRIBUTE);
                    GatewayRevocationService service = Arc.container().instance(GatewayRevocationService.class).get();
                    // the token was accepted just now: kept until it expires (plus the clock skew), or, without exp,
                    // for the longest token lifetime
                    Instant expiresAt = service.expiryOfPresented(claims == null ? null : claims.get("exp"));
                    Object jti = claims == null ? null : claims.get("jti");
                    // a jti that could not be stored as it is (blank, control characters, unpaired surrogates): by hash
                    Uni<RevocationEntry> revoked = jti instanceof String id && PrincipalNames.problem(id) == null
                            ? service.revokeToken(id, expiresAt, "revoked by its holder")
                            : service.revokeTokenValue(token, expiresAt, "revoked by its holder");
                    // RFC 7009 section 2.2: 200 and an empty body
                    reply(context, revoked.map(entry -> null), 200);
                }
            });
        });
    }

    /**
     * @return the handler of the OpenID Connect Back-Channel Logout endpoint
     */
    public static Handler<RoutingContext> backChannelLogout() {
        return guarded(context -> {
            if (context.request().method() != HttpMethod.POST) {
                context.response().putHeader("Allow", "POST");
                problem(context, 405, "method_not_allowed", "Use POST with logout_token=<the logout token>.");
                return;
            }
            if (!isContentType(context, "application/x-www-form-urlencoded")) {
                problem(context, 415, "unsupported_media_type", "Send application/x-www-form-urlencoded.");
                return;
            }
            withBody(context, body -> {
                String token = formValue(body.toString(), "logout_token");
                if (token == null) {
                    problem(context, 400, "invalid_request", "The logout_token parameter is required.");
                    return;
                }
                Uni<RevocationEntry> logout = Arc.container().instance(BackChannelLogout.class).get().logout(token);
                logout.subscribe().with(
                        entry -> context.response().setStatusCode(200).putHeader("Cache-Control", "no-store").end(),
                        failure -> {
                            if (failure instanceof BackChannelLogout.RefusedException
                                    || failure instanceof InvalidRevocationException) {
                                LOG.debugf("Back-channel logout refused: %s", failure.getMessage());
                                problem(context, 400, "invalid_request", "The logout token is not acceptable.");
                            } else {
                                refused(context, failure);
                            }
                        });
            });
        });
    }

    private static void revoke(RoutingContext context, JsonObject body) {
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                problem(context, 400, "invalid_request", "Unknown field; the fields are kind, id, reason, expiresAt.");
                return;
            }
        }
        Kind kind = body.getValue("kind") instanceof String text ? kind(text) : null;
        Object id = body.getValue("id");
        Object reason = body.getValue("reason");
        if (kind == null || !(id instanceof String idText) || idText.isBlank() || !(reason instanceof String reasonText)
                || reasonText.isBlank()) {
            problem(context, 400, "invalid_request", "kind (token, subject, session, client), id and reason are required.");
            return;
        }
        if (idText.length() > MAX_ID || reasonText.length() > MAX_REASON) {
            problem(context, 400, "invalid_request", "id is at most " + MAX_ID + " characters, reason at most "
                    + MAX_REASON + ".");
            return;
        }
        if (PrincipalNames.problem(idText) != null) {
            problem(context, 400, "invalid_request", "id must not contain control, line-separator or bidirectional "
                    + "characters or unpaired surrogates.");
            return;
        }
        Instant expiresAt = null;
        if (body.getValue("expiresAt") != null) {
            try {
                expiresAt = body.getValue("expiresAt") instanceof String text ? Instant.parse(text) : null;
            } catch (DateTimeParseException e) {
                expiresAt = null;
            }
            if (expiresAt == null) {
                problem(context, 400, "invalid_request", "expiresAt is an ISO-8601 instant, for example 2026-01-01T00:00:00Z.");
                return;
            }
        }
        if (kind == Kind.TOKEN && expiresAt == null) {
            problem(context, 400, "invalid_request", "A token revocation needs expiresAt: the token's expiry.");
            return;
        }
        if (kind != Kind.TOKEN && expiresAt != null) {
            problem(context, 400, "invalid_request", "expiresAt applies to token entries only: subject, session and "
                    + "client entries are kept for quarkus.auth-gateway.revocation.max-token-lifetime.");
            return;
        }
        RevocationService service = service();
        Uni<RevocationEntry> entry = switch (kind) {
            case TOKEN -> service.revokeToken(idText, expiresAt, reasonText);
            case SUBJECT -> service.revokeSubject(idText, reasonText);
            case SESSION -> service.revokeSession(idText, reasonText);
            case CLIENT -> service.revokeClient(idText, reasonText);
        };
        reply(context, entry.map(RevocationEndpoints::toJson), 201);
    }

    /**
     * @return the percent-decoded path segment ({@code +} stays a plus sign), or {@code null} when it is not valid
     *         percent-encoded UTF-8
     */
    private static String pathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            String decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            return decoded.indexOf('\ufffd') >= 0 ? null : decoded;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Kind kind(String name) {
        for (Kind kind : Kind.values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        return null;
    }

    private static JsonObject toJson(RevocationEntry entry) {
        return new JsonObject().put("kind", entry.kind().name().toLowerCase(Locale.ROOT)).put("id", entry.id())
                .put("reason", entry.reason()).put("revokedAt", entry.revokedAt().toString())
                .put("expiresAt", entry.expiresAt().toString());
    }

    private static JsonObject toJson(List<RevocationEntry> entries) {
        JsonArray array = new JsonArray();
        for (RevocationEntry entry : entries) {
            array.add(toJson(entry));
        }
        return new JsonObject().put("entries", array);
    }

    private static RevocationService service() {
        return Arc.container().instance(RevocationService.class).get();
    }
}
