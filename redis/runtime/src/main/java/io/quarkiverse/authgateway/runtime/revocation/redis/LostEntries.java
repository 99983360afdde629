package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.DigestIndex;

/**
 * What a mirror does when Redis went back to an older version (a restart without persistence, a failover to a replica
 * that lagged, a flush): what Redis lost cannot have been lifted since (a lift is a newer version), so every entry
 * the mirror holds that Redis no longer has stays in force, and those the mirror keeps whole (the newest, see
 * {@code mirror-kept-whole}) are written back. The others, known only as digests, are carried into every later load
 * of the mirror (which will not find them in Redis either) until they expire or are lifted. A lift that Redis lost too
 * is undone: the failure is on the side of refusing.
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
     * @param carried where the entries added go too, to be carried into the next loads
     * @return the entries in force in the mirror and missing from the snapshot, now added to it
     */
    static DigestIndex.Missing keptInForce(Snapshot<DigestIndex> snapshot, DigestIndex mirror, List<String> held,
            Instant now, DigestIndex carried) {
        return snapshot.entries().addMissing(mirror, liftedMeanwhile(snapshot, held), now, carried);
    }

    /**
     * A later load, at a version Redis did not go back from: the entries carried since a loss that the snapshot lacks
     * (those written back are in it) are added to it, and carried on, but for those lifted or expired meanwhile.
     *
     * @return the entries added again; those kept whole were not written back yet (the write failed), and are again
     */
    static DigestIndex.Missing carriedOver(Snapshot<DigestIndex> snapshot, DigestIndex carried, List<String> held,
            Instant now, DigestIndex stillCarried) {
        return snapshot.entries().addMissing(carried, liftedMeanwhile(snapshot, held), now, stillCarried);
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
     * whose write failed is written again at the next load.
     *
     * @param again whether these were lost before and carried since (no second warning)
     * @param written told of the entries once Redis holds them again: they need carrying no longer
     */
    static void writeBack(RedisCommands redis, DigestIndex.Missing lost, long version, boolean again,
            Consumer<List<RevocationEntry>> written) {
        if (lost == null || lost.count() == 0) {
            return;
        }
        if (again) {
            if (!lost.whole().isEmpty()) {
                LOG.debugf("Writing back %d lost revocation entries again", lost.whole().size());
                redis.putAll(lost.whole()).subscribe().with(ignored -> written.accept(lost.whole()),
                        failure -> LOG.debugf("Writing back lost revocation entries failed again (%s): they stay in "
                                + "force here", failure.getClass().getSimpleName()));
            }
            return;
        }
        LOG.warnf("The revocation store lost %d entries in force (its version went back, to %d: a restart without "
                + "persistence, a failover to a replica that lagged, a flush): they stay in force here, and the %d "
                + "of them this instance keeps whole are written back", lost.count(), version, lost.whole().size());
        if (lost.whole().isEmpty()) {
            return;
        }
        redis.putAll(lost.whole()).subscribe().with(ignored -> written.accept(lost.whole()),
                failure -> LOG.debugf("Writing back lost revocation entries failed (%s): they stay in force here",
                        failure.getClass().getSimpleName()));
    }
}
