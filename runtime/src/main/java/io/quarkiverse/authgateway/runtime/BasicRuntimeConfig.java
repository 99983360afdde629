package io.quarkiverse.authgateway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.smallrye.config.WithDefault;

/**
 * HTTP Basic authentication (RFC 7617).
 */
public interface BasicRuntimeConfig {

    /**
     * Users declared in configuration, by user name.
     */
    @ConfigDocMapKey("username")
    Map<String, User> users();

    /**
     * An htpasswd file (as written by {@code htpasswd -B}) with one {@code user:hash} line per user; only bcrypt
     * hashes are accepted. A class path resource ({@code classpath:users.htpasswd}), a file
     * ({@code file:/etc/app/users.htpasswd}), or a bare location, looked up on the class path first and then on the file
     * system. Roles of these users are set with
     * {@code quarkus.auth-gateway.basic.users."<username>".roles}. A user declared in both places must not have a
     * {@code password-hash} in configuration.
     */
    Optional<String> htpasswdFile();

    /**
     * The cache of successful password verifications, which keeps slow password hashes off the hot path.
     */
    VerificationCache cache();

    /**
     * A Basic user.
     */
    interface User {

        /**
         * The password hash: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), argon2 ({@code $argon2id$...} PHC
         * string) or PBKDF2 ({@code $pbkdf2-sha256$i=<iterations>$<salt>$<hash>} PHC string, base64 without padding).
         * Generate one with {@code htpasswd -nbBC 12 user password}, {@code argon2} or your identity tooling; plain-text
         * passwords are refused at startup.
         */
        Optional<String> passwordHash();

        /**
         * Never set this: plain-text passwords are refused at startup with a message pointing to
         * {@code password-hash}. The property exists only so that the mistake is caught instead of ignored.
         */
        Optional<String> password();

        /**
         * The roles of the user, as seen by {@code @RolesAllowed}, {@code SecurityIdentity#hasRole} and the
         * {@code roles-allowed} of policies.
         */
        Optional<List<String>> roles();
    }

    /**
     * The cache of successful password verifications. An entry holds an HMAC of the verified password under a key
     * generated at startup, never the password; it is bound to the stored hash, so changing the hash invalidates it.
     * A presented password that does not match a cached entry always pays the full hash verification.
     */
    interface VerificationCache {

        /**
         * Whether successful verifications are cached. Without the cache every request pays the full cost of the
         * password hash (about 65 ms for bcrypt cost 10).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The largest number of cached verifications (at least 1); one per user name.
         */
        @WithDefault("10000")
        int maxSize();

        /**
         * How long a verification stays cached. After that the next request verifies the hash again.
         */
        @WithDefault("10M")
        Duration timeToLive();
    }

    /**
     * The most password-hash verifications that run at once (bcrypt, argon2id and PBKDF2 take tens to hundreds of
     * milliseconds of CPU each; the decoy hash of unknown users counts too). A Basic request that would need one more
     * gets 503 {@code verification_busy} with {@code Retry-After: 1} (held {@code refusal-delay}), so that a flood of
     * guessed passwords cannot take every worker thread and core; callers the verification cache knows pay no hash. Defaults to half the available processors (at least one): hashing never takes more than half the
     * cores, whatever the flood (measured in the benchmarks: on two cores, cached callers kept 0.84 to 0.88 of their
     * throughput during a distributed flood with one hash at a time, 0.64 with two).
     */
    Optional<Integer> maxConcurrentHashes();

    /**
     * How long a refused Basic attempt (429 {@code too_many_failures}, 503 {@code verification_busy}) is held before
     * it is answered, on a timer (no thread waits). A guesser that retries at once, or a flood on keep-alive
     * connections, then sends at most one attempt per connection per delay, instead of thousands of cheap refusals a
     * second that would take the CPU from everyone else. At most 10,000 answers are held at once; beyond, they are
     * answered at once. {@code 0} answers at once.
     */
    @WithDefault("250MS")
    Duration refusalDelay();

    /**
     * Brute-force protection: consecutive failed passwords slow down the user and the client address they came from.
     */
    Throttle throttle();

    /**
     * Failed Basic sign-ins are counted per user name and per client address (as Quarkus' proxy-address forwarding
     * resolves it). From the failure after {@code free-failures}, the user, or the address, is refused for a delay
     * that doubles with each further failure, up to {@code max-delay}: such a request gets 429
     * {@code too_many_failures} with {@code Retry-After}, costs no password hash and says nothing about the password.
     * A success resets the user's count; a count is forgotten {@code forget-after} its last failure.
     */
    interface Throttle {

        /**
         * Whether failed sign-ins slow down further attempts.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How many consecutive failures cost nothing more than the failure itself: typos never reach it.
         */
        @WithDefault("4")
        int freeFailures();

        /**
         * How many consecutive failures from one client address cost nothing more: higher than
         * {@code free-failures}, since many users may share an address (a NAT, a proxy), and a success does not reset
         * an address's count.
         */
        @WithDefault("50")
        int addressFreeFailures();

        /**
         * The delay after the first failure beyond {@code free-failures}; each further failure doubles it.
         */
        @WithDefault("1S")
        Duration initialDelay();

        /**
         * The longest delay.
         */
        @WithDefault("5M")
        Duration maxDelay();

        /**
         * How long after its last failure a count is forgotten.
         */
        @WithDefault("15M")
        Duration forgetAfter();

        /**
         * The most user names and addresses tracked at once (each); beyond it, forgotten counts are dropped first and
         * new names are not tracked until there is room.
         */
        @WithDefault("100000")
        int maxTracked();
    }
}
