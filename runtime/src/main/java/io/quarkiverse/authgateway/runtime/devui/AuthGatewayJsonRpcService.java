package io.quarkiverse.authgateway.runtime.devui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.quarkiverse.authgateway.runtime.bearer.JwtIssuers;
import io.quarkiverse.authgateway.runtime.bearer.KeySetState;
import io.quarkiverse.authgateway.runtime.revocation.http.AdminRevocationEndpoint;
import io.smallrye.mutiny.Uni;

/**
 * What the Dev UI pages ask the running application (JSON-RPC): the issuers and their key sets, the recent refusals,
 * and the revocation list with revoke and lift. Registered by the build in dev mode only.
 */
public class AuthGatewayJsonRpcService {

    private final JwtIssuers issuers;
    private final RecentRefusals refusals;
    private final RevocationService revocations;

    public AuthGatewayJsonRpcService(JwtIssuers issuers, RecentRefusals refusals, RevocationService revocations) {
        this.issuers = issuers;
        this.refusals = refusals;
        this.revocations = revocations;
    }

    /**
     * @return per local issuer: name, key source, key ids, last fetch, last error, fetch counts
     */
    public List<Map<String, Object>> getIssuers() {
        List<Map<String, Object>> rows = new ArrayList<>();
        issuers.keySets().forEach((name, state) -> rows.add(issuer(name, state)));
        return rows;
    }

    private static Map<String, Object> issuer(String name, KeySetState state) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("source", state.source());
        row.put("kids", String.join(", ", state.kids()));
        row.put("state", !state.usable() ? "no keys" : state.stale() ? "stale" : "ok");
        row.put("lastFetch", state.lastFetch() == null ? "" : state.lastFetch().toString());
        row.put("lastError", state.lastError() == null ? "" : state.lastError());
        row.put("fetches", state.fetches());
        row.put("failures", state.failures());
        return row;
    }

    public List<RecentRefusals.Refusal> getRefusals() {
        return refusals.newestFirst();
    }

    public Uni<List<Map<String, Object>>> getRevocations() {
        return revocations.list().onItem().transform(entries -> entries.stream().map(AuthGatewayJsonRpcService::row)
                .toList());
    }

    /**
     * Revokes every credential of a subject, session or client.
     *
     * @param kind {@code subject}, {@code session} or {@code client}
     * @return the entry, as a row of the list
     */
    public Uni<Map<String, Object>> revoke(String kind, String id, String reason) {
        String problem = idProblem(id);
        if (problem == null && reason != null && reason.length() > AdminRevocationEndpoint.MAX_REASON) {
            problem = "The reason has more than " + AdminRevocationEndpoint.MAX_REASON + " characters";
        }
        if (problem != null) {
            return Uni.createFrom().failure(new IllegalArgumentException(problem));
        }
        String why = reason == null || reason.isBlank() ? "revoked in the Dev UI" : reason;
        Uni<RevocationEntry> revoked = switch (kind(kind)) {
            case SUBJECT -> revocations.revokeSubject(id, why);
            case SESSION -> revocations.revokeSession(id, why);
            case CLIENT -> revocations.revokeClient(id, why);
            case TOKEN -> Uni.createFrom().failure(new IllegalArgumentException(
                    "Tokens are revoked by their holder or through the admin endpoint"));
        };
        return revoked.onItem().transform(AuthGatewayJsonRpcService::row);
    }

    public Uni<Boolean> lift(String kind, String id) {
        String problem = idProblem(id);
        if (problem != null) {
            return Uni.createFrom().failure(new IllegalArgumentException(problem));
        }
        return revocations.lift(kind(kind), id, "lifted in the Dev UI");
    }

    /** The limits of the admin endpoint: the same ids are accepted here as there. */
    private static String idProblem(String id) {
        if (id == null || id.isBlank()) {
            return "An id is required";
        }
        if (id.length() > AdminRevocationEndpoint.MAX_ID) {
            return "The id has more than " + AdminRevocationEndpoint.MAX_ID + " characters";
        }
        String problem = PrincipalNames.problem(id);
        return problem == null ? null : "The id " + problem;
    }

    private static RevocationEntry.Kind kind(String kind) {
        try {
            return RevocationEntry.Kind.valueOf(String.valueOf(kind).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The kind is one of subject, session, client");
        }
    }

    private static Map<String, Object> row(RevocationEntry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", entry.kind().name().toLowerCase(Locale.ROOT));
        row.put("id", entry.id());
        row.put("reason", entry.reason());
        row.put("revokedAt", entry.revokedAt().toString());
        row.put("expiresAt", entry.expiresAt().toString());
        return row;
    }
}
