package io.quarkiverse.authgateway.runtime.basic;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.GatewayUser;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.BasicRuntimeConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies Basic credentials. The user lookup is reactive; the password hash runs on a worker thread
 * ({@link AuthenticationRequestContext#runBlocking}); a recent successful verification is answered from the
 * {@link VerificationCache} without hashing. An unknown user pays for a decoy hash of the same algorithm and cost, so
 * the answer time does not reveal which user names exist, and both cases give the same answer.
 */
@Singleton
public class BasicIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserDirectory directory;
    private final VerificationCache cache;
    private volatile String decoy;

    private final GatewayTelemetry telemetry;
    private final LoginThrottle throttle;
    /** The failure counts of every instance, when the Redis store is in use; {@code null} when they stay local. */
    private final SharedFailureCounts shared;
    private final int maxConcurrentHashes;
    private final AtomicInteger hashesInFlight = new AtomicInteger();
    /** The most refusals held at once: each is a timer and an open request. */
    private static final int MAX_HELD_REFUSALS = 10_000;
    private final AtomicInteger heldRefusals = new AtomicInteger();
    private final long refusalDelayMillis;
    private final Vertx vertx;

    public BasicIdentityProvider(UserDirectory directory, AuthGatewayRuntimeConfig config,
            Instance<GatewayTelemetry> telemetry, Instance<SharedFailureCounts> sharedCounts, Vertx vertx) {
        this.directory = directory;
        this.vertx = vertx;
        this.refusalDelayMillis = config.basic().refusalDelay().toMillis();
        this.telemetry = GatewayTelemetry.of(telemetry);
        this.maxConcurrentHashes = Math.max(1, config.basic().maxConcurrentHashes()
                .orElse(Runtime.getRuntime().availableProcessors() / 2));
        BasicRuntimeConfig.Throttle throttling = config.basic().throttle();
        this.throttle = throttling.enabled()
                ? new LoginThrottle(throttling.freeFailures(), throttling.addressFreeFailures(),
                        throttling.initialDelay().toMillis(),
                        throttling.maxDelay().toMillis(), throttling.forgetAfter().toMillis(), throttling.maxTracked())
                : null;
        this.shared = throttle != null && sharedCounts.isResolvable() && sharedCounts.get().active()
                ? sharedCounts.get()
                : null;
        if (shared != null) {
            shared.listen(throttle);
        }
        BasicRuntimeConfig.VerificationCache cacheConfig = config.basic().cache();
        this.cache = cacheConfig.enabled()
                ? new VerificationCache(cacheConfig.maxSize(),
                        TimeUnit.MILLISECONDS.toNanos(cacheConfig.timeToLive().toMillis()))
                : null;
    }

    /** @return whether password verifications are cached */
    public boolean caches() {
        return cache != null;
    }

    /** @return the verifications cached now */
    public int cachedVerifications() {
        return cache == null ? 0 : cache.size();
    }

    /** @return the verifications pushed out of the cache to make room since startup */
    public long cacheEvictions() {
        return cache == null ? 0 : cache.evictions();
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String username = request.getUsername();
        char[] password = request.getPassword().getPassword();
        String address = throttle == null ? null : clientAddress(request);
        if (throttle != null) {
            long wait = throttle.waitMillis(username, address, System.currentTimeMillis());
            if (wait > 0) {
                // before any hash or cache: the answer is the same whether the password is right or not
                PasswordHashes.wipe(password);
                return held(new GatewayFailure(FailureReason.TOO_MANY_FAILURES, "sign-ins of user '"
                        + LogSafe.value(username) + "' or from " + LogSafe.value(address) + " are slowed after repeated "
                        + "failures for " + wait + " ms more", (wait + 999) / 1000).toException());
            }
        }
        // the presented password is wiped once it was checked, whichever way the check ends
        return directory.find(username).onItem().transformToUni(user -> {
            if (user == null) {
                return hashing(context.runBlocking(() -> {
                    verify(password, decoy());
                    throw failure("unknown user '" + LogSafe.value(username) + "'", username, address);
                }));
            }
            SecurityIdentity cached = cache == null ? null : cache.verified(user, password);
            if (cache != null) {
                telemetry.cacheLookup(GatewayTelemetry.BASIC_CACHE, cached != null);
            }
            if (cached != null) {
                telemetry.attempt(GatewayIdentity.BASIC, true);
                succeeded(username);
                return Uni.createFrom().item(cached);
            }
            return hashing(context.runBlocking(() -> {
                if (!verify(password, user.passwordHash())) {
                    throw failure("wrong password for user '" + LogSafe.value(username) + "'", username, address);
                }
                SecurityIdentity identity = identity(user);
                if (cache != null) {
                    cache.remember(user, password, identity);
                }
                telemetry.attempt(GatewayIdentity.BASIC, true);
                succeeded(username);
                return identity;
            }));
        }).onTermination().invoke(() -> PasswordHashes.wipe(password))
                .onFailure(BasicIdentityProvider::wrongCredentials).call(() -> shared == null
                        ? Uni.createFrom().voidItem()
                        : shared.failed(username, address, System.currentTimeMillis()));
    }

    private static boolean wrongCredentials(Throwable failure) {
        GatewayFailure carried = GatewayFailure.carriedBy(failure);
        return carried != null && carried.reason() == FailureReason.INVALID_CREDENTIALS;
    }

    private boolean verify(char[] password, String hash) {
        long started = System.nanoTime();
        boolean matches = PasswordHashes.verify(password, hash);
        telemetry.verification(GatewayTelemetry.PASSWORD_HASH, System.nanoTime() - started);
        return matches;
    }

    /**
     * Runs a hash verification if fewer than the maximum run now; refuses it at once otherwise. The count is taken when
     * the verification is subscribed to and given back when it ends, however it ends.
     */
    private Uni<SecurityIdentity> hashing(Uni<SecurityIdentity> verification) {
        return Uni.createFrom().deferred(() -> {
            int running = hashesInFlight.incrementAndGet();
            if (running > maxConcurrentHashes) {
                hashesInFlight.decrementAndGet();
                return held(new GatewayFailure(FailureReason.VERIFICATION_BUSY, (running - 1)
                        + " password-hash verifications already running (max-concurrent-hashes " + maxConcurrentHashes
                        + ")", 1).toException());
            }
            return verification.onTermination().invoke(hashesInFlight::decrementAndGet);
        });
    }

    /**
     * A refusal that costs nothing is held for {@code refusal-delay} before it is answered, so that retrying at once
     * gains nothing; the timer runs on the request's own context.
     */
    private <T> Uni<T> held(RuntimeException refusal) {
        if (refusalDelayMillis <= 0) {
            return Uni.createFrom().failure(refusal);
        }
        // counted when subscribed, given back when the timer fires (or could not be set)
        return Uni.createFrom().emitter(emitter -> {
            if (heldRefusals.incrementAndGet() > MAX_HELD_REFUSALS) {
                heldRefusals.decrementAndGet();
                emitter.fail(refusal);
                return;
            }
            try {
                vertx.setTimer(refusalDelayMillis, id -> {
                    heldRefusals.decrementAndGet();
                    emitter.fail(refusal);
                });
            } catch (RuntimeException closing) {
                heldRefusals.decrementAndGet();
                emitter.fail(refusal);
            }
        });
    }

    private void succeeded(String username) {
        if (throttle != null && throttle.succeeded(username) && shared != null) {
            shared.reset(username); // only after failures: the common success costs no round trip
        }
    }

    private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(request);
        SocketAddress remote = context == null ? null : context.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private RuntimeException failure(String cause, String username, String address) {
        if (throttle != null) {
            throttle.failed(username, address, System.currentTimeMillis());
        }
        telemetry.attempt(GatewayIdentity.BASIC, false);
        return new GatewayFailure(FailureReason.INVALID_CREDENTIALS, cause).toException();
    }

    private String decoy() {
        String current = decoy;
        if (current == null) {
            String template = directory.decoyTemplate();
            current = PasswordHashes.decoyLike(template != null ? template : DEFAULT_DECOY_TEMPLATE);
            decoy = current;
        }
        return current;
    }

    /** The cost used for decoys when no user is configured: bcrypt, cost 10. */
    private static final String DEFAULT_DECOY_TEMPLATE = "$2b$10$" + "a".repeat(53);

    private static SecurityIdentity identity(GatewayUser user) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username()))
                .addAttribute(GatewayIdentity.SCHEME, GatewayIdentity.BASIC);
        builder.addRoles(user.roles());
        return builder.build();
    }
}
