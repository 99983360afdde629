package io.quarkiverse.authgateway.runtime;

import java.util.List;

import io.smallrye.config.WithDefault;

/**
 * What browsers get when a top-level navigation is refused; see the build-time {@code quarkus.auth-gateway.browser.*}
 * settings for the page itself and the login URL.
 */
public interface BrowserRuntimeConfig {

    /**
     * The {@code Clear-Site-Data} directives (W3C Clear Site Data) sent when a browser navigation presents revoked
     * credentials (a subject, session or token revoked, a back-channel logout): the browser then drops what it kept
     * of the ended session. Any of {@code cache}, {@code storage}, {@code cookies}, {@code executionContexts},
     * {@code clientHints}, {@code prefetchCache}, {@code prerenderCache} and {@code *}, or {@code none} to send no
     * header. {@code cookies} is not in the default on purpose: it removes the cookies of every application of the
     * same site (the registrable domain), not only this one's. Browsers honour the header over HTTPS only.
     */
    @WithDefault("cache,storage")
    List<String> clearSiteData();
}
