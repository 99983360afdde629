package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.BasicChallengeTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The Redis store against a real {@code redis-server}: what is written and for how long, a change missed by the
 * mirror, Redis stopped, restarted and paused. On-store-failure is {@code deny} (the default).
 */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisRevocationTest {

    static final Answers.Problem UNAVAILABLE = Answers.problem(503, "revocation_store_unavailable",
            "The credentials cannot be checked right now; retry after the delay in Retry-After.");
    /** The configured redis.timeout (1 s), plus what a loaded test machine may add to any request. */
    static final long WAIT_BOUND_MILLIS = 1_000 + 700;

    @TestHTTPResource("/")
    URL base;

    final RedisServer redis = RedisServer.named("store");

    /**
     * Each test starts from a store this instance can reach: a test that stopped, paused or flooded Redis (or the first
     * commands of a cold packaged JVM, slower than the 300 ms timeout) may leave it unreachable until the next check.
     */
    @BeforeEach
    void storeIsReachable() throws IOException {
        waitForStatus(Revocations.token("redis-ready", "ready"), 200, Duration.ofSeconds(10));
    }

    @Test
    void theStoreInUseIsLoggedAtStartup() throws IOException {
        String log = Files.readString(Path.of(logFile()));
        assertTrue(log.contains("Revocation store: Redis (client <default>, key prefix 'auth-gateway:'), shared by "
                + "every instance, mirrored in memory"), log);
    }

    @Test
    void aRevocationIsOneKeyExpiringWithTheEntryAndIsEnforcedAtOnce() throws IOException {
        String token = Revocations.token("redis-1", "rita");
        assertEquals(200, Revocations.orders(base, token));
        long before = System.currentTimeMillis();
        assertEquals(201, Revocations.revokeSubject(base, "rita"));
        Answers.assertRefusal(RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token), 401,
                Revocations.REVOKED, Revocations.REVOKED_CHALLENGE);

        JsonObject stored = new JsonObject(redis.cli("GET", "auth-gateway:entry:SUBJECT:rita"));
        assertEquals("SUBJECT", stored.getString("kind"));
        assertEquals("test", stored.getString("reason"));
        long expiresAt = stored.getLong("expiresAt");
        // a subject entry lives for the longest token lifetime (24 h by default), and no longer
        assertTrue(Math.abs(expiresAt - before - Duration.ofHours(24).toMillis()) < 60_000, stored.encode());
        long ttl = Long.parseLong(redis.cli("PEXPIRETIME", "auth-gateway:entry:SUBJECT:rita"));
        assertEquals(expiresAt, ttl);
        assertEquals(expiresAt, Long.parseLong(redis.cli("ZSCORE", "auth-gateway:index", "SUBJECT:rita")));
        assertTrue(Long.parseLong(redis.cli("PTTL", "auth-gateway:index")) > 0, "the index expires with its entries");
        assertTrue(Long.parseLong(redis.cli("GET", "auth-gateway:version")) >= 1);
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsRevokedAndTheStoreStaysReachable() throws IOException {
        JwtClaims claims = DemoTokens.claims();
        claims.setJwtId("redis-skew");
        claims.setSubject("sky");
        long exp = Instant.now().minusSeconds(10).getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(exp - 300));
        claims.setExpirationTime(NumericDate.fromSeconds(exp));
        String token = DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
        String bystander = Revocations.token("redis-bystander", "bea");
        long logBefore = Files.size(Path.of(logFile()));
        // exp 10 s ago, clock skew 30 s: still accepted, so revoking it must take effect
        assertEquals(200, Revocations.orders(base, token));
        assertEquals(200, Revocations.post(base, "/oauth/revoke", "application/x-www-form-urlencoded", "token=" + token,
                "Bearer " + token));
        Answers.assertRefusal(RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token), 401,
                Revocations.REVOKED, Revocations.REVOKED_CHALLENGE);
        JsonObject stored = new JsonObject(redis.cli("GET", "auth-gateway:entry:TOKEN:redis-skew"));
        // kept at least while the token could be accepted (exp + 30 s), and no longer than the skew from now
        long keptUntil = stored.getLong("expiresAt");
        assertTrue(keptUntil >= (exp + 30) * 1000 && keptUntil <= System.currentTimeMillis() + 30_000, stored.encode());
        assertTrue(Long.parseLong(redis.cli("PTTL", "auth-gateway:entry:TOKEN:redis-skew")) > 0);

        // an expiry already past beyond the skew, or absurdly far ahead: 400, nothing written, nobody else affected
        for (String expiresAt : List.of("2001-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z")) {
            assertEquals(400, Revocations.post(base, "/admin/revocations", "application/json",
                    "{\"kind\":\"token\",\"id\":\"t-bad\",\"reason\":\"r\",\"expiresAt\":\"" + expiresAt + "\"}",
                    Revocations.ALICE));
            for (int i = 0; i < 20; i++) {
                assertEquals(200, Revocations.orders(base, bystander));
            }
        }
        assertEquals("", redis.cli("GET", "auth-gateway:entry:TOKEN:t-bad"));
        byte[] logged = Files.readAllBytes(Path.of(logFile()));
        String log = new String(logged, (int) logBefore, logged.length - (int) logBefore, StandardCharsets.UTF_8);
        assertFalse(log.contains("Revocation store unreachable"), log);
    }

    @Test
    void aBurstOfRevocationsNeverMarksAWorkingRedisUnreachable() throws Exception {
        String bystander = Revocations.token("redis-burst-bystander", "bella");
        assertEquals(200, Revocations.orders(base, bystander));
        // alice's password verified once and cached: the burst measures Redis writes, not 100 bcrypt hashes at once
        // (a hash flood that starves the event loop is another matter: the pool of hashing threads)
        assertEquals(200, RawHttp.get(base, "/admin/revocations", BasicChallengeTest.basic("alice", "alice-secret")).status());
        for (int i = 0; i < 5; i++) {
            // the write path once warm: a cold packaged JVM on two shared cores is slow enough on its own to time out
            assertEquals(201, Revocations.post(base, "/admin/revocations", "application/json",
                    "{\"kind\":\"session\",\"id\":\"warm-" + i + "\",\"reason\":\"warm-up\"}", Revocations.ALICE));
        }
        long logBefore = Files.size(Path.of(logFile()));
        // 40 clients keep more writes in flight than the Redis client has pooled connections (6) and wait places (24)
        ExecutorService clients = Executors.newFixedThreadPool(40);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                String body = "{\"kind\":\"session\",\"id\":\"burst-" + i + "\",\"reason\":\"burst\"}";
                answers.add(clients.submit(() -> Revocations.post(base, "/admin/revocations", "application/json", body,
                        Revocations.ALICE)));
            }
            for (Future<Integer> answer : answers) {
                // more writes in flight than pooled connections: some are told to retry, none is lost silently
                int status = answer.get(30, TimeUnit.SECONDS);
                assertTrue(status == 201 || status == 503, "status " + status);
            }
        } finally {
            clients.shutdownNow();
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(200, Revocations.orders(base, bystander));
        }
        byte[] logged = Files.readAllBytes(Path.of(logFile()));
        String log = new String(logged, (int) logBefore, logged.length - (int) logBefore, StandardCharsets.UTF_8);
        assertFalse(log.contains("Revocation store unreachable"), log);
    }

    @Test
    void aTokenWithoutJtiIsRevokedByItsHashAndOnlyTheHashIsStored() throws IOException {
        JwtClaims claims = DemoTokens.claims();
        claims.setSubject("hashed");
        claims.setIssuedAt(DemoTokens.secondsFromNow(-5));
        String token = DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
        assertEquals(200, Revocations.orders(base, token));
        assertEquals(200, Revocations.post(base, "/oauth/revoke", "application/x-www-form-urlencoded", "token=" + token,
                "Bearer " + token));
        Answers.assertRefusal(RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token), 401,
                Revocations.REVOKED, Revocations.REVOKED_CHALLENGE);
        String keys = redis.cli("KEYS", "auth-gateway:entry:TOKEN:sha256:*");
        assertTrue(keys.matches("(?s).*auth-gateway:entry:TOKEN:sha256:[A-Za-z0-9_-]{43}.*"), keys);
        for (String key : keys.split("\\s+")) {
            assertFalse(redis.cli("GET", key).contains(token), "the token itself is stored");
        }
    }

    @Test
    void aChangeWhosePubSubMessageWasMissedIsFoundByTheVersionCheck() throws IOException {
        String token = Revocations.token("redis-2", "sam");
        assertEquals(200, Revocations.orders(base, token));
        // what another instance writes, without the message this instance would normally receive
        long now = System.currentTimeMillis();
        String entry = new JsonObject().put("kind", "SUBJECT").put("id", "sam").put("reason", "written elsewhere")
                .put("revokedAt", now).put("expiresAt", now + 600_000).encode();
        redis.cli("SET", "auth-gateway:entry:SUBJECT:sam", entry, "PXAT", Long.toString(now + 600_000));
        redis.cli("ZADD", "auth-gateway:index", Long.toString(now + 600_000), "SUBJECT:sam");
        redis.cli("INCR", "auth-gateway:version");
        long found = waitForStatus(token, 401, Duration.ofSeconds(5));
        // the check runs every 200 ms: the reload follows within a check interval or two
        assertTrue(found < 2_000, "enforced after " + found + " ms");
    }

    @Test
    void redisDownIsA503WithRetryAfterAndTheApplicationRecoversWhenItReturns() throws IOException {
        String token = Revocations.token("redis-3", "tess");
        assertEquals(200, Revocations.orders(base, token));
        String earlier = Revocations.token("redis-3e", "edna");
        assertEquals(201, Revocations.revokeSubject(base, "edna"));
        redis.stop();
        try {
            waitForStatus(token, 503, Duration.ofSeconds(5));
            RawHttp.Response answer = RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token);
            Answers.assertRefusal(answer, 503, UNAVAILABLE);
            assertEquals("3", answer.header("Retry-After"), answer.toString());
            RawHttp.Response basicUser = RawHttp.get(base, "/api/me", basic("bob", "bob-secret"));
            Answers.assertRefusal(basicUser, 503, UNAVAILABLE);
            assertEquals("3", basicUser.header("Retry-After"));
            // no credentials, nothing to check: open routes keep working, protected ones still challenge
            assertEquals(200, RawHttp.get(base, "/api/public/hello").status());
            Answers.assertRefusal(RawHttp.get(base, "/api/orders"), 401, Answers.MISSING, Answers.BEARER_CHALLENGE);
        } finally {
            redis.restart();
        }
        // the restarted Redis is empty (no persistence in this test); another instance revokes tess meanwhile
        long now = System.currentTimeMillis();
        redis.cli("SET", "auth-gateway:entry:SUBJECT:tess", new JsonObject().put("kind", "SUBJECT").put("id", "tess")
                .put("reason", "during the outage").put("revokedAt", now).put("expiresAt", now + 600_000).encode(),
                "PXAT", Long.toString(now + 600_000));
        redis.cli("ZADD", "auth-gateway:index", Long.toString(now + 600_000), "SUBJECT:tess");
        redis.cli("INCR", "auth-gateway:version");
        waitForStatus(token, 401, Duration.ofSeconds(10));
        assertEquals(200, Revocations.orders(base, Revocations.token("redis-3b", "ulla")));
        // the restarted Redis forgot edna's revocation; this instance did not, and wrote it back
        assertEquals(401, Revocations.orders(base, earlier));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (redis.cli("EXISTS", "auth-gateway:entry:SUBJECT:edna").equals("0")) {
            assertTrue(System.nanoTime() < deadline, "edna's revocation was not written back");
            RedisServer.sleep(20);
        }
        String inRedis = redis.cli("ZCARD", "auth-gateway:index");
        // the operator sees the outage in the refusal metric too
        RawHttp.Response metrics = RawHttp.get(base, "/q/metrics", basic("alice", "alice-secret"));
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("auth_gateway_refusals_total{code=\"revocation_store_unavailable\","
                + "policy=\"orders\",status=\"503\"}"), metrics.body());
        assertTrue(metrics.body().contains("auth_gateway_revocation_store_reachable 1.0"), metrics.body());
        assertTrue(metrics.body().contains("auth_gateway_revocation_mirror_current 1.0"), metrics.body());
        assertTrue(metrics.body().contains("auth_gateway_revocation_entries " + inRedis + ".0"), inRedis + " in Redis; "
                + metrics.body());
        String log = Files.readString(Path.of(logFile()));
        assertTrue(log.contains("Revocation store unreachable"), log);
        assertTrue(log.contains("Revocation store reachable again: mirror reloaded with"), log);
        assertTrue(log.contains("The revocation store lost "), log);
    }

    @Test
    void aPausedRedisHoldsNoRequestPastTheTimeoutAndNoEventLoop() throws Exception {
        String token = Revocations.token("redis-4", "vera");
        assertEquals(200, Revocations.orders(base, token));
        redis.pause(Duration.ofSeconds(4));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            Instant end = Instant.now().plusSeconds(3);
            for (int i = 0; i < 8; i++) {
                boolean open = i == 0;
                results.add(clients.submit(() -> {
                    long slowest = 0;
                    long requests = 0;
                    while (Instant.now().isBefore(end)) {
                        long start = System.nanoTime();
                        int status = open
                                ? RawHttp.get(base, "/api/public/hello").status()
                                : Revocations.orders(base, token);
                        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        assertTrue(open ? status == 200 : status == 200 || status == 503, "status " + status);
                        slowest = Math.max(slowest, took);
                        requests++;
                    }
                    return new long[]{ slowest, requests };
                }));
            }
            for (Future<long[]> result : results) {
                long[] figures = result.get(30, TimeUnit.SECONDS);
                assertTrue(figures[0] <= WAIT_BOUND_MILLIS, "a request took " + figures[0] + " ms");
                assertTrue(figures[1] > 3, "only " + figures[1] + " requests in 3 s");
            }
        } finally {
            clients.shutdownNow();
        }
        // once the pause ends, the instance is back without a restart
        waitForStatus(token, 200, Duration.ofSeconds(10));
        // Vert.x reports any event-loop thread held for more than 2 s: the 4 s pause produced no such report
        String log = Files.readString(Path.of(logFile()));
        assertFalse(log.contains("has been blocked for"), log);
    }

    @Test
    void aPauseWithinTheStalenessWindowCostsNothingAndALongerOneIsTheDocumentedAnswer() throws Exception {
        String valid = Revocations.token("redis-6", "paula");
        String revoked = Revocations.token("redis-6r", "rita");
        assertEquals(201, Revocations.revokeSubject(base, "rita"));
        assertEquals(401, Revocations.orders(base, revoked));
        assertEquals(200, Revocations.orders(base, valid));

        // 1 s: the version checks time out (300 ms), the subscription stays open, the mirror stays trusted
        PauseFigures shortPause = underLoad(Duration.ofSeconds(1), Duration.ofMillis(1_600), valid, revoked, 700);
        System.out.println("CLIENT PAUSE 1 s: " + shortPause);
        assertEquals(0, shortPause.wronglyAccepted, shortPause.toString());
        assertEquals(0, shortPause.unexpected, shortPause.toString());
        assertEquals(0, shortPause.refusedValid, shortPause.toString());
        assertTrue(shortPause.validRequests > 20, shortPause.toString());
        // readiness stays up: a blip must not take every instance out of a load balancer
        assertEquals(200, shortPause.readiness, shortPause.toString());
        waitForStatus(valid, 200, Duration.ofSeconds(10));

        // 5 s: beyond max-staleness (3 s since the last confirmed check, at most 200 ms before the pause) the
        // answer is on-store-failure's: 503 with Retry-After, for the valid and the revoked token alike
        PauseFigures longPause = underLoad(Duration.ofSeconds(5), Duration.ofMillis(5_500), valid, revoked, 4_000);
        System.out.println("CLIENT PAUSE 5 s: " + longPause);
        assertEquals(0, longPause.wronglyAccepted, longPause.toString());
        assertEquals(0, longPause.unexpected, longPause.toString());
        assertTrue(longPause.firstRefusalMillis >= 2_500, longPause.toString());
        assertTrue(longPause.firstRefusalMillis <= 4_500, longPause.toString());
        Answers.assertRefusal(longPause.refusal, 503, UNAVAILABLE);
        // beyond the window requests are refused, and readiness says so
        assertEquals(503, longPause.readiness, longPause.toString());
        assertEquals("3", longPause.refusal.header("Retry-After"), longPause.refusal.toString());
        // once Redis answers, the mirror (older than the window) is reloaded and trusted again, without a restart
        waitForStatus(valid, 200, Duration.ofSeconds(10));
        assertEquals(401, Revocations.orders(base, revoked));
        String log = Files.readString(Path.of(logFile()));
        assertTrue(log.contains("requests are checked against the mirror for up to "
                + "quarkus.auth-gateway.revocation.redis.max-staleness (3000 ms)"), log);
        assertTrue(log.contains("Revocation store answering again; the mirror stayed trusted"), log);
    }

    /** What clients saw while Redis was paused; times are from the start of the pause. */
    static final class PauseFigures {

        int validRequests;
        int revokedRequests;
        int refusedValid;
        int wronglyAccepted;
        int unexpected;
        long firstRefusalMillis = -1;
        RawHttp.Response refusal;
        volatile int readiness;

        synchronized void add(boolean validToken, RawHttp.Response response, long atMillis) {
            int status = response.status();
            if (validToken) {
                validRequests++;
            } else {
                revokedRequests++;
            }
            if (status == 503) {
                if (refusal == null) {
                    refusal = response;
                    firstRefusalMillis = atMillis;
                }
                if (validToken) {
                    refusedValid++;
                }
            } else if (status == 200 && !validToken) {
                wronglyAccepted++;
            } else if (status != (validToken ? 200 : 401)) {
                unexpected++;
            }
        }

        @Override
        public synchronized String toString() {
            return validRequests + " valid-token requests (" + refusedValid + " refused with 503), " + revokedRequests
                    + " revoked-token requests (" + wronglyAccepted + " accepted), " + unexpected
                    + " unexpected statuses, first 503 after " + firstRefusalMillis + " ms, readiness " + readiness;
        }
    }

    private PauseFigures underLoad(Duration pause, Duration load, String valid, String revoked, long probeAtMillis)
            throws Exception {
        PauseFigures figures = new PauseFigures();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            redis.pause(pause);
            long start = System.nanoTime();
            long end = start + load.toNanos();
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean first = i % 2 == 0;
                results.add(clients.submit(() -> {
                    boolean validToken = first;
                    while (System.nanoTime() < end) {
                        RawHttp.Response response = RawHttp.get(base, "/api/orders",
                                "Authorization: Bearer " + (validToken ? valid : revoked));
                        figures.add(validToken, response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        validToken = !validToken;
                    }
                    return null;
                }));
            }
            long probeAt = start + TimeUnit.MILLISECONDS.toNanos(probeAtMillis);
            while (System.nanoTime() < probeAt) {
                RedisServer.sleep(5);
            }
            figures.readiness = RawHttp.get(base, "/q/health/ready").status();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        return figures;
    }

    @Test
    void valuesAndMessagesThatAreNotOursAreSkippedAndNothingBreaks() throws IOException {
        String token = Revocations.token("redis-5", "junk");
        assertEquals(200, Revocations.orders(base, token));
        long expiry = System.currentTimeMillis() + 600_000;
        redis.cli("SET", "auth-gateway:entry:SUBJECT:junk", "not an entry", "PXAT", Long.toString(expiry));
        redis.cli("ZADD", "auth-gateway:index", Long.toString(expiry), "SUBJECT:junk");
        redis.cli("INCR", "auth-gateway:version");
        redis.cli("PUBLISH", "auth-gateway:changes", "nonsense");
        redis.cli("PUBLISH", "auth-gateway:changes", "99999 P {");
        Revocations.acceptedUntilLogged(base, token, logFile(),
                "Skipped a value under auth-gateway:entry: that is not a revocation entry");
        // the two messages are ignored (logged when the mirror was trusted as they arrived, dropped otherwise)
        assertEquals(200, Revocations.orders(base, token));
        redis.cli("DEL", "auth-gateway:entry:SUBJECT:junk");
    }

    String logFile() {
        return RedisStoreProfile.LOG_FILE;
    }

    /**
     * @return how long it took until the orders API answered the status
     */
    long waitForStatus(String token, int status, Duration atMost) throws IOException {
        return Revocations.waitForStatus(base, token, status, atMost);
    }
}
