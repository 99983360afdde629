package io.quarkiverse.authgateway.runtime.challenge;

import io.quarkiverse.authgateway.runtime.failure.FailureReason;

/**
 * Told of every refused request, after its answer is decided. The metrics integration implements it; it must be
 * cheap and must not block.
 */
public interface RefusalListener {

    /**
     * @param reason why the request was refused
     * @param policy the name of the policy that governed the request
     */
    void refused(FailureReason reason, String policy);
}
