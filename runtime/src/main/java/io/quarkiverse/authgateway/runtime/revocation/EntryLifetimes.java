package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationEntry.Kind;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * How long revocation entries are kept, and which expiries are refused. An entry outlives whatever it could revoke
 * by exactly the longest clock skew of the verifiers, and no expiry is ever out of range of the stores (epoch
 * milliseconds): the settings are bounded at startup, token expiries when an entry is made.
 *
 * @param maxTokenLifetime {@code revocation.max-token-lifetime}: how long subject, session and client entries last
 * @param maxTokenEntryLifetime {@code revocation.max-token-entry-lifetime}: the furthest a token entry may reach
 * @param margin the longest clock skew of the local issuers and OIDC providers
 */
record EntryLifetimes(Duration maxTokenLifetime, Duration maxTokenEntryLifetime, Duration margin) {

    /** Beyond this, a duration added to an instant could leave the range of epoch milliseconds. */
    private static final Duration LONGEST_SETTING = Duration.ofDays(36_525);

    EntryLifetimes {
        bounded(maxTokenLifetime, "max-token-lifetime");
        bounded(maxTokenEntryLifetime, "max-token-entry-lifetime");
        bounded(margin, "max-token-lifetime");
    }

    private static void bounded(Duration setting, String name) {
        if (setting.isNegative() || setting.compareTo(LONGEST_SETTING) > 0) {
            throw new ConfigurationException("quarkus.auth-gateway.revocation." + name + " must lie between 0 and 100 "
                    + "years", Set.of("quarkus.auth-gateway.revocation." + name));
        }
    }

    /**
     * A token entry is kept until the token can no longer be accepted anywhere: its {@code exp} plus the longest
     * clock skew; subject, session and client entries until no token issued before them can be accepted.
     *
     * @throws InvalidRevocationException when a token's expiry is missing, long past or too far ahead
     */
    Instant expiryOf(Kind kind, Instant tokenExpiresAt, Instant now) {
        if (kind != Kind.TOKEN) {
            return now.plus(maxTokenLifetime).plus(margin);
        }
        if (tokenExpiresAt == null) {
            throw new InvalidRevocationException("A token revocation needs the token's expiry.");
        }
        if (tokenExpiresAt.isAfter(now.plus(maxTokenEntryLifetime))) {
            throw new InvalidRevocationException("The token's expiry is further ahead than "
                    + "quarkus.auth-gateway.revocation.max-token-entry-lifetime allows.");
        }
        Instant keepUntil = tokenExpiresAt.plus(margin);
        if (!keepUntil.isAfter(now)) {
            throw new InvalidRevocationException("The token expired longer ago than any issuer's clock skew: it is "
                    + "refused anyway, there is nothing to revoke.");
        }
        return keepUntil;
    }

    /**
     * @param exp the {@code exp} claim of a token that was just accepted, if any
     * @return its expiry (never earlier than now, never later than {@code max-token-entry-lifetime} from now), or,
     *         for a token without one, the longest token lifetime from now
     */
    Instant expiryOfPresented(Object exp, Instant now) {
        Instant furthest = now.plus(maxTokenEntryLifetime);
        if (exp instanceof Number seconds && seconds.doubleValue() > 0) {
            // verified JWTs never lie beyond the furthest entry; an introspected opaque token may say anything
            if (seconds.doubleValue() >= furthest.getEpochSecond()) {
                return furthest;
            }
            Instant expiry = Instant.ofEpochSecond(seconds.longValue());
            return expiry.isBefore(now) ? now : expiry;
        }
        return now.plus(maxTokenLifetime);
    }

    /**
     * @return whether an {@code iat} (epoch seconds) is believable: not further ahead than any clock skew
     */
    boolean plausibleIssuedAt(long iat, Instant now) {
        return iat <= now.getEpochSecond() + margin.toSeconds();
    }
}
