package io.quarkiverse.authgateway.runtime.challenge;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;

/**
 * The refusal page of browser navigations, as a bean. The page template is read and checked at build time (the
 * built-in one or {@code quarkus.auth-gateway.browser.page}); the recorder installs it here during run-time
 * initialisation. Without it (pages disabled) every refusal is answered with JSON.
 */
@Singleton
public class RefusalPages {

    private final AuthGatewayRuntimeConfig config;
    private volatile RefusalPage page;

    public RefusalPages(AuthGatewayRuntimeConfig config) {
        this.config = config;
    }

    /**
     * @param template the checked page template
     * @param returnParameter the login URL's return parameter
     */
    public void install(String template, String returnParameter) {
        this.page = new RefusalPage(template, returnParameter, config.browser().clearSiteData());
    }

    /**
     * @param template a page template
     * @return what makes it unusable, or {@code null}
     */
    public static String templateProblem(String template) {
        return RefusalPage.templateProblem(template);
    }

    RefusalPage page() {
        return page;
    }
}
