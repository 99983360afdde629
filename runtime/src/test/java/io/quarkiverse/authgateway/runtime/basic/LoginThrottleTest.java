package io.quarkiverse.authgateway.runtime.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Backoff from the failure after the free ones, doubling to the cap, per user and per address; a success resets the
 * user only; counts are forgotten; bounded.
 */
class LoginThrottleTest {

    static final long MINUTE = 60_000;

    @Test
    void typosCostNothingThenTheDelayDoubles() {
        LoginThrottle throttle = new LoginThrottle(4, 50, 1000, 300_000, 15 * MINUTE, 100);
        long now = 1_000_000;
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0.1", now);
            assertEquals(0, throttle.waitMillis("alice", "10.0.0.1", now), "failure " + (i + 1) + " is free");
        }
        throttle.failed("alice", "10.0.0.1", now);
        assertEquals(1000, throttle.waitMillis("alice", "10.0.0.1", now));
        assertEquals(400, throttle.waitMillis("alice", "10.0.0.2", now + 600), "the user is slowed from any address");
        throttle.failed("alice", "10.0.0.1", now);
        assertEquals(2000, throttle.waitMillis("alice", null, now));
        assertEquals(0, throttle.waitMillis("bob", "10.0.0.1", now), "the address is below its own threshold");
    }

    @Test
    void theDelayIsCappedAndNeverOverflows() {
        LoginThrottle throttle = new LoginThrottle(0, 0, 1000, 300_000, 15 * MINUTE, 100);
        assertEquals(1000, throttle.delay(1));
        assertEquals(256_000, throttle.delay(9));
        assertEquals(300_000, throttle.delay(10));
        assertEquals(300_000, throttle.delay(Integer.MAX_VALUE));
    }

    @Test
    void aSuccessResetsTheUserNotTheAddress() {
        LoginThrottle throttle = new LoginThrottle(1, 1, 1000, 300_000, 15 * MINUTE, 100);
        throttle.failed("alice", "10.0.0.1", 0);
        throttle.failed("alice", "10.0.0.1", 0);
        throttle.succeeded("alice");
        assertEquals(0, throttle.waitMillis("alice", null, 0));
        assertEquals(1000, throttle.waitMillis("carol", "10.0.0.1", 0));
    }

    @Test
    void countsAreForgottenAndBounded() {
        LoginThrottle throttle = new LoginThrottle(0, 0, 1000, 300_000, MINUTE, 2);
        throttle.failed("a", null, 0);
        throttle.failed("b", null, 0);
        throttle.failed("c", null, 10);
        assertEquals(2, throttle.trackedUsers(), "full of live counts: c is not tracked");
        assertEquals(0, throttle.waitMillis("c", null, 10));
        throttle.failed("d", null, MINUTE + 1);
        assertEquals(1, throttle.trackedUsers(), "forgotten counts dropped to make room");
        assertEquals(1000, throttle.waitMillis("d", null, MINUTE + 1));
        assertEquals(0, throttle.waitMillis("d", null, 2 * MINUTE + 2), "forgotten a minute after its last failure");
    }
}
