package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationEntry.Kind;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.basic.BasicIdentityProvider;
import io.quarkiverse.authgateway.runtime.bearer.BearerIdentityProvider;
import io.quarkiverse.authgateway.runtime.bearer.TokenDigests;
import io.quarkus.runtime.Startup;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The revocation list, kept in the embedded in-memory store, and the check every proven identity goes through.
 * The check is a few hash lookups in this JVM, with no I/O, and is skipped entirely while the list is empty.
 */
@Startup
@Singleton
public class GatewayRevocationService implements RevocationService {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    private static final String HASH_PREFIX = "sha256:";

    private final MemoryRevocationStore store;
    private final long maxTokenLifetimeSeconds;
    private final Clock clock = Clock.systemUTC();

    public GatewayRevocationService(AuthGatewayRuntimeConfig config) {
        AuthGatewayRuntimeConfig.Revocation revocation = config.revocation();
        this.store = new MemoryRevocationStore(revocation.memory().maxEntries());
        this.maxTokenLifetimeSeconds = revocation.maxTokenLifetime().toSeconds();
        LOG.infof("Revocation store: in-memory (this instance only, lost on restart), at most %d entries",
                revocation.memory().maxEntries());
    }

    @Override
    public Uni<RevocationEntry> revokeToken(String jti, Instant tokenExpiresAt, String reason) {
        return Uni.createFrom().item(() -> add(Kind.TOKEN, jti, tokenExpiresAt, reason));
    }

    @Override
    public Uni<RevocationEntry> revokeTokenValue(String token, Instant tokenExpiresAt, String reason) {
        return Uni.createFrom().item(() -> add(Kind.TOKEN, HASH_PREFIX + TokenDigests.sha256(token), tokenExpiresAt, reason));
    }

    @Override
    public Uni<RevocationEntry> revokeSubject(String subject, String reason) {
        return Uni.createFrom().item(() -> add(Kind.SUBJECT, subject, null, reason));
    }

    @Override
    public Uni<RevocationEntry> revokeSession(String sessionId, String reason) {
        return Uni.createFrom().item(() -> add(Kind.SESSION, sessionId, null, reason));
    }

    @Override
    public Uni<RevocationEntry> revokeClient(String clientId, String reason) {
        return Uni.createFrom().item(() -> add(Kind.CLIENT, clientId, null, reason));
    }

    @Override
    public Uni<RevocationEntry> find(Kind kind, String id) {
        return Uni.createFrom().item(() -> store.get(kind, id, clock.instant()));
    }

    @Override
    public Uni<List<RevocationEntry>> list() {
        return Uni.createFrom().item(() -> store.list(clock.instant()));
    }

    @Override
    public Uni<Boolean> lift(Kind kind, String id, String why) {
        return Uni.createFrom().item(() -> {
            boolean removed = store.remove(kind, id);
            LOG.infof("Revocation of %s '%s' lifted (%s): %s", kind, printable(id), why,
                    removed ? "removed" : "there was none");
            return removed;
        });
    }

    /**
     * @param identity a proven identity
     * @return the entry that revokes it, or {@code null}
     */
    RevocationEntry match(SecurityIdentity identity) {
        if (store.isEmpty()) {
            return null;
        }
        Object scheme = identity.getAttribute(BasicIdentityProvider.SCHEME_ATTRIBUTE);
        Instant now = clock.instant();
        if ("basic".equals(scheme)) {
            return store.get(Kind.SUBJECT, identity.getPrincipal().getName(), now);
        }
        if (!"bearer".equals(scheme)) {
            return null;
        }
        Map<String, Object> claims = identity.getAttribute(BearerIdentityProvider.CLAIMS_ATTRIBUTE);
        if (claims == null) {
            claims = Map.of();
        }
        RevocationEntry entry = lookup(Kind.TOKEN, claims.get("jti"), now);
        if (entry == null) {
            TokenCredential token = identity.getCredential(TokenCredential.class);
            entry = token == null ? null : store.get(Kind.TOKEN, HASH_PREFIX + TokenDigests.sha256(token.getToken()), now);
        }
        if (entry != null) {
            return entry;
        }
        long issuedAt = claims.get("iat") instanceof Number iat ? iat.longValue() : Long.MIN_VALUE;
        Object client = claims.get("azp") != null ? claims.get("azp") : claims.get("client_id");
        Object subject = claims.get("sub") != null ? claims.get("sub") : identity.getPrincipal().getName();
        for (RevocationEntry notBefore : new RevocationEntry[]{ lookup(Kind.SUBJECT, subject, now),
                lookup(Kind.SESSION, claims.get("sid"), now), lookup(Kind.CLIENT, client, now) }) {
            // tokens issued in the same second as the revocation are revoked too: iat has one-second precision
            if (notBefore != null && issuedAt <= notBefore.revokedAt().getEpochSecond()) {
                return notBefore;
            }
        }
        return null;
    }

    private RevocationEntry lookup(Kind kind, Object id, Instant now) {
        return id instanceof String text ? store.get(kind, text, now) : null;
    }

    private RevocationEntry add(Kind kind, String id, Instant tokenExpiresAt, String reason) {
        Instant now = clock.instant();
        Instant expiresAt = tokenExpiresAt != null ? tokenExpiresAt : now.plusSeconds(maxTokenLifetimeSeconds);
        RevocationEntry entry = new RevocationEntry(kind, id, reason, now, expiresAt);
        store.put(entry, now);
        LOG.infof("Revoked %s '%s' until %s: %s", kind, printable(id), expiresAt, reason);
        return entry;
    }

    private static String printable(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value.replaceAll("[\\p{Cntrl}]", "?");
    }
}
