package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.authgateway.RevocationEntry;
import io.smallrye.mutiny.Uni;

/**
 * The embedded store: a bounded index in this JVM. Revocations are seen by this instance only and are lost on restart.
 */
final class MemoryRevocationStore implements RevocationStore {

    private final EntryIndex index;
    private final int maxEntries;
    private final Map<String, Long> uses = new ConcurrentHashMap<>();
    private final Clock clock;

    MemoryRevocationStore(int maxEntries, Clock clock) {
        this.index = new EntryIndex(maxEntries);
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public String description() {
        return "in-memory (this instance only, lost on restart), at most " + maxEntries + " entries";
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public RevocationIndex current() {
        return index;
    }

    @Override
    public RevocationIndex lastKnown() {
        return index;
    }

    @Override
    public boolean reachable() {
        return true;
    }

    @Override
    public Uni<List<RevocationEntry>> lookup(List<String> keys) {
        return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<Void> put(RevocationEntry entry) {
        return Uni.createFrom().item(() -> {
            index.put(entry, clock.instant());
            return null;
        });
    }

    @Override
    public Uni<Boolean> remove(RevocationEntry.Kind kind, String id) {
        return Uni.createFrom().item(() -> index.remove(kind, id));
    }

    @Override
    public Uni<RevocationEntry> find(RevocationEntry.Kind kind, String id) {
        return Uni.createFrom().item(() -> index.get(kind, id, clock.instant()));
    }

    @Override
    public Uni<List<RevocationEntry>> list() {
        return Uni.createFrom().item(() -> index.list(clock.instant()));
    }

    @Override
    public Uni<Boolean> firstUse(String key, Duration keep) {
        return Uni.createFrom().item(() -> {
            long now = clock.millis();
            uses.values().removeIf(expiry -> expiry < now);
            return uses.putIfAbsent(key, now + keep.toMillis()) == null;
        });
    }
}
