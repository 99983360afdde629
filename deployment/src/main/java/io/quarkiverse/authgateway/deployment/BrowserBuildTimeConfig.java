package io.quarkiverse.authgateway.deployment;

import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Refusals of browser navigations.
 */
public interface BrowserBuildTimeConfig {

    /**
     * Whether a refused top-level navigation of a browser ({@code Sec-Fetch-Mode: navigate}, or without that
     * header an {@code Accept} that prefers {@code text/html} and no {@code X-Requested-With}) gets a short HTML
     * page that says what happened and what to do, with the same status and {@code WWW-Authenticate} lines as the
     * JSON answer. {@code fetch} and XHR requests, and every client that does not ask for HTML, always get the
     * {@code application/problem+json} answer.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * A class path resource that replaces the built-in page, for example {@code auth-gateway/refusal.html}:
     * HTML with placeholders, each a name in double curly braces: title, message, status, code and action
     * (replaced with escaped text) and link (a paragraph with the next step's link, or nothing). The build fails
     * when the resource is missing, has no message placeholder or uses another name.
     */
    Optional<String> page();

    /**
     * The login URL of every policy that sets none of its own ({@code quarkus.auth-gateway.policy.<name>.login-url}):
     * the page's "Sign in" link points there, with the URL of the refused request as the
     * {@code return-parameter}. A path of this application ({@code /login}) or an absolute {@code https} or
     * {@code http} URL (an identity provider's login page).
     */
    Optional<String> loginUrl();

    /**
     * The query parameter of the login URL that carries the URL to return to after signing in. Its value is
     * always a path of this application ({@code /orders?page=2}), never an absolute or scheme-relative URL; the
     * login page should check the same before it redirects back ({@code GatewayReturnUrls.sameOrigin}).
     */
    @WithDefault("return_to")
    String returnParameter();
}
