package io.quarkiverse.authgateway.runtime.revocation.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Which failures of a Redis command mean that Redis cannot serve anyone (the store is unreachable) and which are an
 * answer of a working Redis (the one command failed, everyone else goes on).
 */
class RedisCommandsTest {

    @Test
    void errorRepliesAndAFullPoolAreAnswers() {
        assertTrue(RedisCommands.isAnswer(ErrorType.create("ERR Lua redis lib command arguments must be strings")));
        assertTrue(RedisCommands.isAnswer(ErrorType.create("WRONGTYPE Operation against a key")));
        assertTrue(RedisCommands.isAnswer(ErrorType.create("OOM command not allowed when used memory > 'maxmemory'")));
        assertTrue(RedisCommands
                .isAnswer(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 24")));
    }

    @Test
    void aRedisThatCannotServeIsAnOutage() {
        for (String reply : new String[]{ "LOADING Redis is loading the dataset in memory",
                "BUSY Redis is busy running a script",
                "MASTERDOWN Link with MASTER is down", "CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request" }) {
            assertFalse(RedisCommands.isAnswer(ErrorType.create(reply)), reply);
        }
        assertFalse(RedisCommands.isAnswer(new IOException("Connection refused")));
        assertFalse(RedisCommands.isAnswer(new NoStackTraceThrowable("Timeout")));
    }
}
