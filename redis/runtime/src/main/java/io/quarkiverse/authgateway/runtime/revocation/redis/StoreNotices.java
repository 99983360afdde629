package io.quarkiverse.authgateway.runtime.revocation.redis;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.runtime.LogSafe;

/**
 * The log lines of the mirror about Redis answering or not, its subscription to the changes, and its loads: one line
 * when an outage begins, one when it ends, each saying what requests get meanwhile.
 */
final class StoreNotices {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private StoreNotices() {
    }

    static void notAnswering(Throwable failure, boolean mirrorStillTrusted, long maxStalenessMillis) {
        String cause = LogSafe.value(failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : failure.getMessage());
        if (mirrorStillTrusted) {
            LOG.warnf("Revocation store not answering (%s): requests are checked against the mirror for up to "
                    + "quarkus.auth-gateway.revocation.redis.max-staleness (%d ms) since it was last confirmed, then "
                    + "answered per quarkus.auth-gateway.revocation.on-store-failure until it is back", cause,
                    maxStalenessMillis);
        } else {
            LOG.warnf("Revocation store unreachable (%s): requests with proven credentials are answered per "
                    + "quarkus.auth-gateway.revocation.on-store-failure until it is back", cause);
        }
    }

    static void answeringAgain(long confirmedAgoMillis) {
        LOG.infof("Revocation store answering again; the mirror stayed trusted (last confirmed %d ms ago)",
                confirmedAgoMillis);
    }

    static void loaded(boolean afterOutage, int entries, long version, long millis) {
        if (afterOutage) {
            LOG.infof("Revocation store reachable again: mirror reloaded with %d entries (version %d) in %d ms", entries,
                    version, millis);
        } else {
            LOG.debugf("Revocation mirror loaded: %d entries (version %d) in %d ms", entries, version, millis);
        }
    }

    static void changesMissing(long expectedVersion, long mirrorVersion) {
        LOG.debugf("Revocation changes up to version %d never arrived (mirror at %d): subscribing again",
                expectedVersion, mirrorVersion);
    }

    static void subscriptionLost(String why) {
        LOG.debugf("Revocation change subscription lost (%s): requests are checked in Redis until it is back", why);
    }
}
