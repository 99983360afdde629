package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.DigestIndex;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;
import io.quarkiverse.authgateway.runtime.revocation.RevocationReasons;

/**
 * What a mirror does when Redis went back to an older version (a restart without persistence, a failover to a replica
 * that lagged, a flush): what Redis lost cannot have been lifted since (a lift is a newer version), so every entry
 * the mirror holds that Redis no longer has stays in force, and those the mirror keeps whole (the newest, see
 * {@code mirror-kept-whole}) are written back. The entries lost are carried into every later load of the mirror
 * (which will not find them in Redis either) until they expire, are lifted, or are written back; a write-back that
 * failed is made again at the next load. A lift that Redis lost too is undone: the failure is on the side of refusing.
 * <p>
 * Called under the mirror's lock; the write-back's completion arrives on its own, under this object's.
 */
final class LostEntries {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final RevocationReasons reasons;
    private final int keptWhole;
    /** The entries Redis lost that the mirror holds in force nonetheless; {@code null} when there are none. */
    // guarded by this
    private DigestIndex carried;

    /**
     * @param reasons the mirror's reasons, shared by every index it makes
     * @param keptWhole how many entries the mirror keeps whole
     */
    LostEntries(RevocationReasons reasons, int keptWhole) {
        this.reasons = reasons;
        this.keptWhole = keptWhole;
    }

    /** What a load found lost, to write back once the load is applied. */
    record Found(DigestIndex.Missing entries, boolean again) {
    }

    /**
     * Adds to a snapshot the entries Redis lost: when its version went back, those the mirror held that the snapshot
     * lacks; otherwise those carried since an earlier loss that it still lacks (the ones written back are in it). The
     * pages of a snapshot are read one after the other: an entry lifted while they were read is missing from them too,
     * but it was lifted, not lost; its lift is among the changes held meanwhile.
     *
     * @param mirror the entries the mirror held before the snapshot
     * @param wentBack whether Redis went back to an older version than the mirror's
     * @param held the changes published while the snapshot was read
     */
    synchronized Found addTo(Snapshot<DigestIndex> snapshot, DigestIndex mirror, boolean wentBack, List<String> held,
            Instant now) {
        DigestIndex from = wentBack ? mirror : carried;
        if (from == null) {
            return new Found(null, false);
        }
        DigestIndex stillCarried = new DigestIndex(reasons, keptWhole);
        DigestIndex.Missing added = snapshot.entries().addMissing(from, liftedMeanwhile(snapshot, held), now,
                stillCarried);
        carried = stillCarried.isEmpty() ? null : stillCarried;
        return new Found(added, !wentBack);
    }

    /** A lift, made here or published: the entry is carried no longer. */
    synchronized void lifted(String member) {
        if (carried != null) {
            carried.remove(member);
        }
    }

    private static List<String> liftedMeanwhile(Snapshot<DigestIndex> snapshot, List<String> held) {
        List<String> lifted = new ArrayList<>();
        for (String message : held) {
            ChangeMessage change = ChangeMessage.parse(message);
            if (change != null && !change.put() && change.version() > snapshot.version()) {
                lifted.add(change.payload());
            }
        }
        return lifted;
    }

    /**
     * Writes the lost entries kept whole back, best effort: every lost entry stays in force in the mirror, and one
     * whose write failed is written again at the next load. Warns the first time only.
     */
    void writeBack(RedisCommands redis, Found found, long version) {
        DigestIndex.Missing lost = found.entries();
        if (lost == null || lost.count() == 0) {
            return;
        }
        if (found.again()) {
            if (lost.whole().isEmpty()) {
                return;
            }
            LOG.debugf("Writing back %d lost revocation entries again", lost.whole().size());
        } else {
            LOG.warnf("The revocation store lost %d entries in force (its version went back, to %d: a restart without "
                    + "persistence, a failover to a replica that lagged, a flush): they stay in force here, and the %d "
                    + "of them this instance keeps whole are written back", lost.count(), version, lost.whole().size());
        }
        if (lost.whole().isEmpty()) {
            return;
        }
        redis.putAll(lost.whole()).subscribe().with(ignored -> writtenBack(lost.whole()),
                failure -> LOG.debugf("Writing back lost revocation entries failed (%s): they stay in force here",
                        failure.getClass().getSimpleName()));
    }

    /**
     * Entries written back: Redis holds them again, so they are carried no longer (a later load finds them, and a lift
     * removes them from Redis, which a stale write-back would otherwise undo).
     */
    private synchronized void writtenBack(List<RevocationEntry> written) {
        if (carried == null) {
            return;
        }
        for (RevocationEntry entry : written) {
            carried.remove(RevocationIndex.key(entry.kind(), entry.id()));
        }
        if (carried.isEmpty()) {
            carried = null;
        }
    }
}
