package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged application on a replicated Redis topology that a subclass starts: revocations
 * written through either are enforced by both, failed sign-ins are counted for both, and a master killed mid-load
 * loses no revocation that was acknowledged ({@code wait-for-replicas=1}), lets no revoked token through, and is
 * recovered from without restarting the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RedisTopologyScenario {

    /** The hash tag of the key prefix: every key of the store is in its slot. */
    static final String HASH_TAG = "{auth-gateway}";

    private RedisTopology redis;
    private PackagedApp first;
    private PackagedApp second;

    /** @return the topology, started */
    abstract RedisTopology start() throws IOException;

    /** @return the Redis client properties of the topology, besides {@code quarkus.redis.hosts} */
    abstract List<String> clientProperties();

    @BeforeAll
    void startTopologyAndInstances() throws IOException {
        redis = start();
        List<String> properties = new ArrayList<>(clientProperties());
        properties.addAll(List.of("quarkus.redis.hosts=" + redis.hosts(),
                "quarkus.auth-gateway.revocation.redis.key-prefix=" + HASH_TAG + ":",
                "quarkus.auth-gateway.revocation.redis.check-interval=200MS",
                "quarkus.auth-gateway.revocation.redis.wait-for-replicas=1",
                "quarkus.auth-gateway.revocation.retry-after=1S"));
        first = PackagedApp.start(properties);
        second = PackagedApp.start(properties);
    }

    @AfterAll
    void stopEverything() throws InterruptedException {
        try {
            for (PackagedApp app : new PackagedApp[]{ first, second }) {
                if (app != null) {
                    app.close();
                }
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    @Order(1)
    void aRevocationThroughEitherInstanceIsEnforcedByBothAndThePropagationIsMeasured() throws IOException {
        List<Long> delays = new ArrayList<>();
        for (int i = -10; i < 100; i++) {
            PackagedApp revoking = i % 2 == 0 ? first : second;
            PackagedApp other = i % 2 == 0 ? second : first;
            String subject = "spread-" + i;
            String token = Revocations.token("spread-" + i, subject);
            assertEquals(200, Revocations.orders(other.base(), token));
            assertEquals(201, Revocations.revokeSubject(revoking.base(), subject));
            long done = System.nanoTime();
            // the revoking instance enforces it as soon as it answered
            assertEquals(401, Revocations.orders(revoking.base(), token));
            while (Revocations.orders(other.base(), token) != 401) {
                assertTrue(System.nanoTime() - done < TimeUnit.SECONDS.toNanos(2),
                        "revocation " + i + " not enforced by the other instance within 2 s");
            }
            if (i >= 0) {
                delays.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - done));
            }
        }
        Collections.sort(delays);
        System.out.printf("%s propagation over %d revocations: median %d us, p90 %d us, max %d us%n",
                getClass().getSimpleName(), delays.size(), delays.get(delays.size() / 2),
                delays.get(delays.size() * 9 / 10), delays.get(delays.size() - 1));
        // every key of the store is on the master of the hash tag's slot
        int master = redis.masterOf(HASH_TAG);
        String keys = redis.cli(master, "KEYS", HASH_TAG + ":*");
        assertTrue(keys.contains(HASH_TAG + ":version") && keys.contains(HASH_TAG + ":index")
                && keys.contains(HASH_TAG + ":entry:SUBJECT:spread-99"), keys);
    }

    @Test
    @Order(2)
    void failedSignInsOnEitherInstanceSlowTheUserDownOnBoth() throws IOException {
        for (int i = 1; i <= 5; i++) {
            Answers.assertRefusal(RawHttp.get((i % 2 == 0 ? second : first).base(), "/api/me", basic("bob", "guess-" + i)),
                    401, Answers.INVALID, Answers.EVERY_SCHEME);
        }
        RedisServer.sleep(100);
        for (PackagedApp app : new PackagedApp[]{ first, second }) {
            RawHttp.Response throttled = RawHttp.get(app.base(), "/api/me", basic("bob", "bob-secret"));
            assertEquals(429, throttled.status(), throttled.toString());
            assertEquals("1", throttled.header("Retry-After"), throttled.toString());
        }
        RedisServer.sleep(1_100);
        assertEquals(200, RawHttp.get(second.base(), "/api/me", basic("bob", "bob-secret")).status());
    }

    @Test
    @Order(3)
    void aKilledMasterLosesNoAcknowledgedRevocationAndLetsNoRevokedTokenThrough() throws Exception {
        String valid = Revocations.token("failover-valid", "vivian");
        List<Revoked> revokedTokens = new CopyOnWriteArrayList<>();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> acknowledgedTokens = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            // a subject's revocation covers the tokens issued until then: each token is made before its revocation
            String token = Revocations.token("before-" + i, "before-" + i);
            assertEquals(201, Revocations.revokeSubject(first.base(), "before-" + i));
            acknowledged.add("before-" + i);
            acknowledgedTokens.add(token);
            revokedTokens.add(new Revoked("before-" + i, token, null, 0));
        }
        AtomicInteger withinPropagation = new AtomicInteger();
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger wronglyAccepted = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger notAcknowledged = new AtomicInteger();
        AtomicLong lastRefusal = new AtomicLong();
        ConcurrentHashMap<String, Integer> surprises = new ConcurrentHashMap<>();
        ExecutorService load = Executors.newFixedThreadPool(5);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            PackagedApp app = t % 2 == 0 ? first : second;
            tasks.add(load.submit(() -> {
                int n = 0;
                while (running.get()) {
                    boolean checkValid = n++ % 2 == 0;
                    Revoked revoked = checkValid ? null : revokedTokens.get(n % revokedTokens.size());
                    int status = Revocations.orders(app.base(), checkValid ? valid : revoked.token());
                    requests.incrementAndGet();
                    if (status == 503) {
                        refused.incrementAndGet();
                        lastRefusal.set(System.nanoTime());
                    } else if (!checkValid && status == 200) {
                        // the instance that acknowledged a revocation enforces it at once; the other one as soon as
                        // the change reaches it (pub/sub, or the next version check)
                        long sinceAck = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked.acknowledgedAt());
                        if (revoked.through() != null && revoked.through() != app && sinceAck < 2_000) {
                            withinPropagation.incrementAndGet();
                        } else {
                            wronglyAccepted.incrementAndGet();
                            accepted.add(revoked.subject() + " on " + app.base() + " " + sinceAck + " ms after "
                                    + (revoked.through() == null ? "the start" : "its acknowledgement") + ", "
                                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt.get())
                                    + " ms after the kill");
                        }
                    } else if (status != (checkValid ? 200 : 401)) {
                        unexpected.incrementAndGet();
                        surprises.merge(Integer.toString(status), 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        // revocations keep coming through both instances; those answered 201 were acknowledged by a replica
        tasks.add(load.submit(() -> {
            int i = 0;
            while (running.get()) {
                String subject = "during-" + i;
                PackagedApp through = i % 2 == 0 ? first : second;
                String token = Revocations.token(subject, subject);
                int status = Revocations.revokeSubject(through.base(), subject);
                if (status == 201) {
                    acknowledged.add(subject);
                    acknowledgedTokens.add(token);
                    revokedTokens.add(new Revoked(subject, token, through, System.nanoTime()));
                } else if (status == 503) {
                    notAcknowledged.incrementAndGet();
                } else {
                    surprises.merge("revoke " + status, 1, Integer::sum);
                }
                i++;
                RedisServer.sleep(20);
            }
            return null;
        }));
        RedisServer.sleep(500);
        int master = redis.masterOf(HASH_TAG);
        long killed = System.nanoTime();
        killedAt.set(killed);
        redis.kill(master);
        int promoted = redis.awaitPromotion(master, HASH_TAG, 30_000);
        long promotion = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        // the killed node comes back as a replica of the new master: revocations are acknowledged again
        redis.restart(master);
        RedisServer.sleep(2_000);
        running.set(false);
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        load.shutdown();
        long refusalsFor = lastRefusal.get() == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(lastRefusal.get() - killed);
        String figures = String.format("%s failover: replica promoted %d ms after the kill; %d requests, %d answered "
                + "503 (the last %d ms after the kill), %d revoked tokens accepted %s, %d unexpected statuses %s; "
                + "%d revocations acknowledged, %d answered 503; %d requests to the other instance within a "
                + "revocation's propagation", getClass().getSimpleName(), promotion, requests.get(), refused.get(),
                refusalsFor, wronglyAccepted.get(), accepted, unexpected.get(), surprises, acknowledged.size(),
                notAcknowledged.get(), withinPropagation.get());
        System.out.println(figures);
        assertEquals(0, wronglyAccepted.get(), figures);
        assertEquals(0, unexpected.get(), figures);
        assertTrue(surprises.isEmpty(), figures);

        // recovered without a restart: the valid token passes on both, every acknowledged revocation holds on both
        // and is in the new master
        for (PackagedApp app : new PackagedApp[]{ first, second }) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (Revocations.orders(app.base(), valid) != 200) {
                assertTrue(System.nanoTime() < deadline, "not recovered: " + app.base());
                RedisServer.sleep(50);
            }
            for (String token : acknowledgedTokens) {
                assertEquals(401, Revocations.orders(app.base(), token), token);
            }
        }
        String keys = redis.cli(promoted, "KEYS", HASH_TAG + ":entry:*");
        for (String subject : acknowledged) {
            assertTrue(keys.contains(HASH_TAG + ":entry:SUBJECT:" + subject), subject + " lost: " + keys);
        }
        // and a new revocation spreads as before
        String after = Revocations.token("after-failover", "after-failover");
        assertEquals(200, Revocations.orders(first.base(), after));
        assertEquals(201, Revocations.revokeSubject(second.base(), "after-failover"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (Revocations.orders(first.base(), after) != 401) {
            assertTrue(System.nanoTime() < deadline, "the revocation after the failover did not spread");
        }
    }

    /** A revoked subject's token, and which instance acknowledged its revocation when ({@code null}: before). */
    record Revoked(String subject, String token, PackagedApp through, long acknowledgedAt) {
    }

    static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the base URL of the first instance, for subclasses' own checks */
    URL firstBase() {
        return first.base();
    }
}
