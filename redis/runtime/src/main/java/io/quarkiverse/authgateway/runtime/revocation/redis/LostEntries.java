package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;

/**
 * What a mirror does when Redis went back to an older version (a restart without persistence, a failover to a replica
 * that lagged, a flush): what Redis lost cannot have been lifted since (a lift is a newer version), so every entry
 * the mirror holds that Redis no longer has stays in force, and is written back. A lift that Redis lost too is
 * undone: the failure is on the side of refusing.
 */
final class LostEntries {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private LostEntries() {
    }

    /**
     * The pages of a snapshot are read one after the other: an entry lifted while they were read is missing from them
     * too, but it was lifted, not lost; its lift is among the changes held meanwhile.
     *
     * @param mirror the entries the mirror held before the snapshot
     * @param held the changes published while the snapshot was read
     * @return the entries in force in the mirror and missing from the snapshot, now added to it
     */
    static List<RevocationEntry> keptInForce(Snapshot snapshot, RevocationIndex mirror, List<String> held, Instant now) {
        Set<String> present = new HashSet<>();
        for (RevocationEntry entry : snapshot.entries().list(now)) {
            present.add(RevocationIndex.key(entry.kind(), entry.id()));
        }
        for (String message : held) {
            ChangeMessage change = ChangeMessage.parse(message);
            if (change != null && !change.put() && change.version() > snapshot.version()) {
                present.add(change.payload());
            }
        }
        List<RevocationEntry> lost = new ArrayList<>();
        for (RevocationEntry entry : mirror.list(now)) {
            if (!present.contains(RevocationIndex.key(entry.kind(), entry.id()))) {
                lost.add(entry);
                snapshot.entries().put(entry, now);
            }
        }
        return lost;
    }

    /** Writes the lost entries back, best effort: they stay in force in the mirror whatever happens. */
    static void writeBack(RedisCommands redis, List<RevocationEntry> lost, long version) {
        if (lost.isEmpty()) {
            return;
        }
        LOG.warnf("The revocation store lost %d entries in force (its version went back, to %d: a restart without "
                + "persistence, a failover to a replica that lagged, a flush): they stay in force here and are "
                + "written back", lost.size(), version);
        redis.putAll(lost).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("Writing back lost revocation entries failed (%s): they stay in force here",
                failure.getClass().getSimpleName()));
    }
}
