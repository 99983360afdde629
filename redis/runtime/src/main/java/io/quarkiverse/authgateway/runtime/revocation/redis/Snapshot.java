package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Every entry in force, and the version read before the first of them: every change after that version is published,
 * so a mirror that applies the changes it held while loading ends up where Redis is. Read a page at a time, never in
 * one command over the whole index; a change made while the pages are read may or may not be in them, and is applied
 * afterwards either way.
 *
 * @param version the store's version before the first page
 * @param entries the entries read
 * @param <T> the index they are read into
 */
record Snapshot<T extends RevocationIndex>(long version, T entries) {

    /**
     * Index members per page: one {@code ZSCAN} and one {@code MGET} of this many, about a millisecond of Redis' time
     * each, so that loading a million entries never holds Redis for long.
     */
    static final int PAGE = 1000;

    static <T extends RevocationIndex> Uni<Snapshot<T>> read(RedisCommands redis, RedisLayout layout, Clock clock,
            Supplier<T> into) {
        return redis.version().flatMap(version -> Uni.createFrom().emitter(emitter -> {
            T entries = into.get();
            page(redis, layout, clock, "0", entries, () -> emitter.complete(new Snapshot<>(version, entries)),
                    emitter::fail);
        }));
    }

    /**
     * Reads the page at the cursor, then the next one, until the index is done. Each step runs when the previous
     * answer arrived, so the stack does not grow with the pages; whatever fails in a step fails the load.
     */
    private static void page(RedisCommands redis, RedisLayout layout, Clock clock, String cursor, RevocationIndex into,
            Runnable done, Consumer<Throwable> failed) {
        redis.command("ZSCAN", layout.index(), cursor, "COUNT", Integer.toString(PAGE)).subscribe().with(page -> {
            try {
                String next = page.get(0).toString();
                List<String> keys = inForce(page.get(1), layout, clock.millis());
                Uni<Void> read = keys.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : redis.command("MGET", keys.toArray(String[]::new)).invoke(values -> {
                            Instant at = clock.instant();
                            for (int i = 0; i < values.size(); i++) {
                                RevocationEntry entry = values.get(i) == null
                                        ? null
                                        : redis.decodeOrSkip(values.get(i).toString());
                                if (entry != null) {
                                    into.put(entry, at);
                                }
                            }
                        }).replaceWithVoid();
                read.subscribe().with(ignored -> {
                    if ("0".equals(next)) {
                        done.run();
                    } else {
                        page(redis, layout, clock, next, into, done, failed);
                    }
                }, failed);
            } catch (RuntimeException e) {
                failed.accept(e); // a reply of an unexpected shape: the load fails and the next check retries
            }
        }, failed);
    }

    /**
     * @param scanned a page of {@code ZSCAN}: member, score, member, score...
     * @return the entry keys of the members whose score (their expiry) is still ahead; a score that is not a number
     *         of ours ({@code inf}, written by hand) is read all the same, and the entry's own expiry decides
     */
    private static List<String> inForce(Response scanned, RedisLayout layout, long now) {
        List<String> keys = new ArrayList<>(scanned.size() / 2);
        for (int i = 0; i + 1 < scanned.size(); i += 2) {
            String score = scanned.get(i + 1).toString();
            boolean expired;
            try {
                expired = Double.parseDouble(score) <= now;
            } catch (NumberFormatException e) {
                expired = score.equals("-inf");
            }
            if (!expired) {
                keys.add(layout.entry(scanned.get(i).toString()));
            }
        }
        return keys;
    }
}
