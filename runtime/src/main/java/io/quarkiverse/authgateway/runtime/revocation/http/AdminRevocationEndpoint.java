package io.quarkiverse.authgateway.runtime.revocation.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationEntry.Kind;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin endpoint of revocations: list, revoke, read and lift entries, JSON in and out, protected by its own
 * policy. Bodies are strictly checked (content type, size, known fields only, bounded expiries); every refusal is a
 * problem+json 4xx and revokes nothing.
 */
@Singleton
public class AdminRevocationEndpoint {

    private static final Set<String> FIELDS = Set.of("kind", "id", "reason", "expiresAt");
    /** The longest id a revocation may name, through this endpoint or the Dev UI. */
    public static final int MAX_ID = 2048;
    /** The longest reason a revocation may give, through this endpoint or the Dev UI. */
    public static final int MAX_REASON = 500;

    private final RevocationService revocations;
    private final RevocationAnswers answers;
    private final RequestBodies bodies;

    public AdminRevocationEndpoint(RevocationService revocations, RevocationAnswers answers, RequestBodies bodies) {
        this.revocations = revocations;
        this.answers = answers;
        this.bodies = bodies;
    }

    /**
     * @param base the admin path, for example {@code /auth-gateway/revocations}
     * @return the handler of {@code base} and {@code base/*}
     */
    public Handler<RoutingContext> at(String base) {
        return answers.guarded(context -> {
            String rest = context.normalizedPath().substring(Math.min(base.length(), context.normalizedPath().length()));
            HttpMethod method = context.request().method();
            if (rest.isEmpty() || rest.equals("/")) {
                if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                    answers.reply(context, revocations.list().map(AdminRevocationEndpoint::toJson), 200);
                } else if (method == HttpMethod.POST) {
                    bodies.withJsonBody(context, body -> revoke(context, body));
                } else {
                    context.response().putHeader("Allow", "GET, HEAD, POST");
                    answers.problem(context, 405, "method_not_allowed", "Use GET to list and POST to revoke.");
                }
                return;
            }
            String[] parts = rest.substring(1).split("/", 2);
            Kind kind = kind(parts[0]);
            if (kind == null || parts.length < 2 || parts[1].isEmpty()) {
                answers.problem(context, 404, "not_found", "Entries are addressed as {kind}/{id}.");
                return;
            }
            String id = pathSegment(parts[1]);
            if (id == null || PrincipalNames.problem(id) != null) {
                answers.problem(context, 404, "not_found", "No such revocation entry.");
                return;
            }
            if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                answers.answer(context, revocations.find(kind, id), entry -> {
                    if (entry == null) {
                        answers.problem(context, 404, "not_found", "No such revocation entry.");
                    } else {
                        answers.json(context, 200, toJson(entry).encode());
                    }
                });
            } else if (method == HttpMethod.DELETE) {
                String why = context.request().getParam("reason");
                if (why == null || why.isBlank()) {
                    answers.problem(context, 400, "invalid_request", "Give the reason for lifting the entry: ?reason=...");
                    return;
                }
                answers.answer(context, revocations.lift(kind, id, why), removed -> {
                    if (removed) {
                        context.response().setStatusCode(204).end();
                    } else {
                        answers.problem(context, 404, "not_found", "No such revocation entry.");
                    }
                });
            } else {
                context.response().putHeader("Allow", "GET, HEAD, DELETE");
                answers.problem(context, 405, "method_not_allowed", "Use GET to read and DELETE to lift an entry.");
            }
        });
    }

    private void revoke(RoutingContext context, JsonObject body) {
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                answers.problem(context, 400, "invalid_request", "Unknown field; the fields are kind, id, reason, expiresAt.");
                return;
            }
        }
        Kind kind = body.getValue("kind") instanceof String text ? kind(text) : null;
        Object id = body.getValue("id");
        Object reason = body.getValue("reason");
        if (kind == null || !(id instanceof String idText) || idText.isBlank() || !(reason instanceof String reasonText)
                || reasonText.isBlank()) {
            answers.problem(context, 400, "invalid_request",
                    "kind (token, subject, session, client), id and reason are required.");
            return;
        }
        if (idText.length() > MAX_ID || reasonText.length() > MAX_REASON) {
            answers.problem(context, 400, "invalid_request", "id is at most " + MAX_ID + " characters, reason at most "
                    + MAX_REASON + ".");
            return;
        }
        if (PrincipalNames.problem(idText) != null) {
            answers.problem(context, 400, "invalid_request", "id must not contain control, line-separator or bidirectional "
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
                answers.problem(context, 400, "invalid_request",
                        "expiresAt is an ISO-8601 instant, for example 2026-01-01T00:00:00Z.");
                return;
            }
        }
        if (kind == Kind.TOKEN && expiresAt == null) {
            answers.problem(context, 400, "invalid_request", "A token revocation needs expiresAt: the token's expiry.");
            return;
        }
        if (kind != Kind.TOKEN && expiresAt != null) {
            answers.problem(context, 400, "invalid_request", "expiresAt applies to token entries only: subject, session and "
                    + "client entries are kept for quarkus.auth-gateway.revocation.max-token-lifetime.");
            return;
        }
        Uni<RevocationEntry> entry = switch (kind) {
            case TOKEN -> revocations.revokeToken(idText, expiresAt, reasonText);
            case SUBJECT -> revocations.revokeSubject(idText, reasonText);
            case SESSION -> revocations.revokeSession(idText, reasonText);
            case CLIENT -> revocations.revokeClient(idText, reasonText);
        };
        answers.reply(context, entry.map(AdminRevocationEndpoint::toJson), 201);
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
}
