package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Loading the mirror of a store that holds more entries than one page: every entry in force is enforced, index members
 * whose entries are gone are skipped, one with a score that is not a time of ours ({@code +inf}, written by hand) is
 * read all the same, and the load pages through the index ({@code ZSCAN} and {@code MGET} of a
 * thousand members at a time) instead of one script call over all of it, which would hold Redis for as long as it
 * takes to read every entry.
 */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisMirrorLoadTest {

    private static final int ENTRIES = 2_500;
    /** Writes the entries as another instance's store would (entry key with its expiry, index member). */
    private static final String FILL = """
            for i = 1, tonumber(ARGV[1]) do
              local member = 'SUBJECT:bulk-' .. i
              local entry = '{"kind":"SUBJECT","id":"bulk-' .. i .. '","reason":"bulk","revokedAt":' .. ARGV[2]
                  .. ',"expiresAt":' .. ARGV[3] .. '}'
              redis.call('SET', 'auth-gateway:entry:' .. member, entry, 'PXAT', ARGV[3])
              redis.call('ZADD', 'auth-gateway:index', ARGV[3], member)
            end
            redis.call('ZADD', 'auth-gateway:index', ARGV[4], 'SUBJECT:bulk-expired')
            redis.call('ZADD', 'auth-gateway:index', ARGV[3], 'SUBJECT:bulk-missing')
            redis.call('SET', 'auth-gateway:entry:SUBJECT:bulk-forever', '{"kind":"SUBJECT","id":"bulk-forever",'
                .. '"reason":"bulk","revokedAt":' .. ARGV[2] .. ',"expiresAt":' .. ARGV[3] .. '}', 'PXAT', ARGV[3])
            redis.call('ZADD', 'auth-gateway:index', '+inf', 'SUBJECT:bulk-forever')
            return 1
            """;

    @TestHTTPResource("/")
    URL base;

    final RedisServer redis = RedisServer.named("store");

    @BeforeEach
    void storeIsReachable() throws IOException {
        Revocations.waitForStatus(base, Revocations.token("load-ready", "ready"), 200, Duration.ofSeconds(10));
    }

    /** Lifts what {@link #FILL} wrote, so that the other tests of this Redis find the store as they left it. */
    private static final String CLEAN = """
            for _, member in ipairs(redis.call('ZRANGE', 'auth-gateway:index', 0, -1)) do
              if string.find(member, 'SUBJECT:bulk-', 1, true) == 1 then
                redis.call('ZREM', 'auth-gateway:index', member)
                redis.call('DEL', 'auth-gateway:entry:' .. member)
              end
            end
            return redis.call('INCR', 'auth-gateway:version')
            """;

    @AfterEach
    void liftTheBulkEntries() {
        redis.cli("EVAL", CLEAN, "0");
    }

    @Test
    void aStoreOfManyPagesIsLoadedPageByPageAndEveryEntryInForceIsEnforced() throws IOException {
        long now = System.currentTimeMillis();
        redis.cli("EVAL", FILL, "0", Integer.toString(ENTRIES), Long.toString(now), Long.toString(now + 600_000),
                Long.toString(now - 1_000));
        String before = redis.cli("INFO", "commandstats");
        // a change whose message never came: the version check reloads the mirror
        redis.cli("INCR", "auth-gateway:version");

        // the version check finds the change; until the reload is done, requests are checked in Redis (one MGET
        // each), then in the mirror alone
        String last = Revocations.token("load-last", "bulk-" + ENTRIES);
        Revocations.waitForStatus(base, last, 401, Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long lookups;
        do {
            lookups = calls(redis.cli("INFO", "commandstats"), "mget");
            assertEquals(401, Revocations.orders(base, last));
        } while (calls(redis.cli("INFO", "commandstats"), "mget") != lookups && System.nanoTime() < deadline);
        String after = redis.cli("INFO", "commandstats");
        for (int subject : new int[]{ 1, 999, 1_000, 1_001, 2_000, ENTRIES - 1 }) {
            assertEquals(401, Revocations.orders(base, Revocations.token("load-" + subject, "bulk-" + subject)),
                    "bulk-" + subject);
        }
        assertEquals(200, Revocations.orders(base, Revocations.token("load-other", "bulk-" + (ENTRIES + 1))));
        assertEquals(200, Revocations.orders(base, Revocations.token("load-expired", "bulk-expired")));
        assertEquals(200, Revocations.orders(base, Revocations.token("load-missing", "bulk-missing")));
        assertEquals(401, Revocations.orders(base, Revocations.token("load-forever", "bulk-forever")));
        String checked = redis.cli("INFO", "commandstats");

        assertEquals(calls(after, "mget"), calls(checked, "mget"), "requests were checked in Redis, not in the mirror");
        assertEquals(calls(before, "eval"), calls(checked, "eval"), "the load ran a script");
        long pages = calls(after, "zscan") - calls(before, "zscan");
        assertTrue(pages >= 2, ENTRIES + 3 + " index members read in " + pages + " ZSCAN pages");
        // and revocations are still written with a member of score +inf in the index
        assertEquals(201, Revocations.revokeSubject(base, "bulk-admin"));
    }

    /** @return how many times Redis ran the command, from {@code INFO commandstats} */
    private static long calls(String commandStats, String command) {
        Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}
