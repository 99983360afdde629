package io.quarkiverse.authgateway.runtime.revocation.redis;

/**
 * The Redis data of the revocation store, all under one key prefix, and the Lua scripts that change it atomically.
 * <ul>
 * <li>{@code <prefix>entry:<KIND>:<id>}: one entry (JSON), expiring with it ({@code PXAT}).</li>
 * <li>{@code <prefix>index}: a sorted set of the entry keys scored by expiry, trimmed of a few expired members on
 * every write, expiring with its last entry; an instance loads every entry by paging through it.</li>
 * <li>{@code <prefix>version}: incremented by every change; each change is published with its version on the
 * channel {@code <prefix>changes}, so a gap in versions tells an instance that it missed a message.</li>
 * <li>{@code <prefix>once:<key>}: one-time uses (logout token ids), {@code SET NX} with an expiry.</li>
 * </ul>
 */
final class RedisLayout {

    /**
     * KEYS: entry, index, version. ARGV: index member, entry JSON, expiry (epoch ms), now (epoch ms), channel. Returns
     * the new version. The service only writes entries that expire in the future, but the script holds for any
     * expiry: an entry already expired by Redis' clock leaves no key behind, and an empty index is deleted rather
     * than given an expiry it does not have. An index whose last member has no time of ours as its score ({@code +inf},
     * written by hand) keeps no expiry rather than failing every write.
     */
    static final String PUT = """
            redis.call('SET', KEYS[1], ARGV[2], 'PXAT', ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[4], 'LIMIT', 0, 100)
            if #expired > 0 then
              redis.call('ZREM', KEYS[2], unpack(expired))
            end
            local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
            local lastExpiry = last[2] and tonumber(last[2])
            if not last[2] then
              redis.call('DEL', KEYS[2])
            elseif lastExpiry and lastExpiry < 1e15 then
              redis.call('PEXPIREAT', KEYS[2], last[2])
            end
            local version = redis.call('INCR', KEYS[3])
            redis.call('PUBLISH', ARGV[5], version .. ' P ' .. ARGV[2])
            return version
            """;

    /**
     * KEYS: index, version. ARGV: now (epoch ms), channel, entry key prefix, then (index member, entry JSON, expiry)
     * for each entry. Writes the entries back as {@link #PUT} would, one version each, in one call for a page of
     * entries. Returns the last version.
     */
    static final String PUT_ALL = """
            local version = 0
            for i = 4, #ARGV, 3 do
              redis.call('SET', ARGV[3] .. ARGV[i], ARGV[i + 1], 'PXAT', ARGV[i + 2])
              redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i])
              version = redis.call('INCR', KEYS[2])
              redis.call('PUBLISH', ARGV[2], version .. ' P ' .. ARGV[i + 1])
            end
            local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
            if #expired > 0 then
              redis.call('ZREM', KEYS[1], unpack(expired))
            end
            local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            local lastExpiry = last[2] and tonumber(last[2])
            if lastExpiry and lastExpiry < 1e15 then
              redis.call('PEXPIREAT', KEYS[1], last[2])
            end
            return version
            """;

    /**
     * KEYS: entry, index, version. ARGV: index member, channel. Returns 1 when an entry was removed, 0 otherwise. The
     * lift is published either way: an entry Redis lost is still held in force by the instances that mirrored it, and
     * lifting it must reach them.
     */
    static final String LIFT = """
            local removed = redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            local version = redis.call('INCR', KEYS[3])
            redis.call('PUBLISH', ARGV[2], version .. ' L ' .. ARGV[1])
            return removed
            """;

    private final String prefix;

    RedisLayout(String prefix) {
        this.prefix = prefix;
    }

    String entryPrefix() {
        return prefix + "entry:";
    }

    /**
     * @param member an index member: {@link RevocationIndex#key(io.quarkiverse.authgateway.RevocationEntry.Kind, String)}
     */
    String entry(String member) {
        return entryPrefix() + member;
    }

    String index() {
        return prefix + "index";
    }

    String version() {
        return prefix + "version";
    }

    String channel() {
        return prefix + "changes";
    }

    String once(String key) {
        return prefix + "once:" + key;
    }
}
