package io.quarkiverse.authgateway.runtime.challenge;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.quarkiverse.authgateway.GatewayReturnUrls;
import io.quarkiverse.authgateway.runtime.failure.Action;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a person in a browser sees when a navigation is refused: a short page in plain words (what happened, what to do,
 * a link to do it), with the same status and challenges as the JSON answer, or a redirect to the login URL where the
 * policy asks for one. The page carries no script and nothing from the request or the credentials: its texts are
 * constants per reason, its only links the policy's login URL (with the request's own path as the return URL) and the
 * request's own path. The login link of a 403 asks for a new sign-in ({@code prompt=login}, OpenID Connect Core
 * section 3.1.2.1); there is none on the login page itself.
 */
final class RefusalPage {

    static final String HTML = "text/html; charset=utf-8";
    /** No script at all; the page's own inline style; nothing loaded from elsewhere; never framed by another site. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
    private static final Set<String> PLACEHOLDERS = Set.of("title", "message", "status", "code", "action", "link");
    private static final Set<String> CLEAR_SITE_DATA = Set.of("cache", "cookies", "storage", "executionContexts",
            "clientHints", "prefetchCache", "prerenderCache", "*");

    private final String template;
    private final String returnParameter;
    private final String clearSiteData;

    /**
     * @param template the page, with its placeholders; checked by the build
     * @param returnParameter the login URL's query parameter that carries the return URL
     * @param clearSiteData the configured {@code Clear-Site-Data} directives, or {@code none}
     */
    RefusalPage(String template, String returnParameter, List<String> clearSiteData) {
        this.template = template;
        this.returnParameter = returnParameter;
        this.clearSiteData = clearSiteData(clearSiteData);
    }

    /**
     * @param template a page template
     * @return the problem with it, or {@code null} when it is usable: it has {@code {{message}}} and no unknown
     *         placeholder
     */
    static String templateProblem(String template) {
        if (!template.contains("{{message}}")) {
            return "it has no {{message}} placeholder";
        }
        for (int start = template.indexOf("{{"); start >= 0; start = template.indexOf("{{", start + 2)) {
            int end = template.indexOf("}}", start);
            String name = end < 0 ? "" : template.substring(start + 2, end);
            if (!PLACEHOLDERS.contains(name)) {
                return "it has an unknown placeholder near '" + template.substring(start, Math.min(template.length(),
                        start + 24)).replaceAll("\\s", " ") + "': use " + PLACEHOLDERS;
            }
        }
        return null;
    }

    private static String clearSiteData(List<String> directives) {
        List<String> quoted = new ArrayList<>();
        for (String directive : directives) {
            String trimmed = directive.trim();
            if (trimmed.equals("none") && directives.size() == 1) {
                return null;
            }
            if (!CLEAR_SITE_DATA.contains(trimmed)) {
                throw new ConfigurationException("quarkus.auth-gateway.browser.clear-site-data lists '" + trimmed
                        + "': use none, or some of " + CLEAR_SITE_DATA, Set.of("quarkus.auth-gateway.browser.clear-site-data"));
            }
            quoted.add('"' + trimmed + '"');
        }
        return quoted.isEmpty() ? null : String.join(", ", quoted);
    }

    /**
     * @param request the refused navigation
     * @param policy the route's policy
     * @param reason why it was refused
     * @param challenges the answer's challenge lines
     * @param retryAfterSeconds the answer's {@code Retry-After}, or 0
     * @return the page, or the redirect to the login URL
     */
    GatewayAnswer answer(HttpServerRequest request, PolicyDefinition policy, FailureReason reason, List<String> challenges,
            long retryAfterSeconds) {
        List<String> headers = new ArrayList<>(6);
        if (reason == FailureReason.REVOKED && clearSiteData != null) {
            headers.add("Clear-Site-Data");
            headers.add(clearSiteData);
        }
        headers.add("Content-Security-Policy");
        headers.add(CONTENT_SECURITY_POLICY);
        headers.add("X-Content-Type-Options");
        headers.add("nosniff");
        headers.add("Referrer-Policy");
        headers.add("no-referrer");
        // no link to the login page on the login page itself: it would only lead back here
        String login = policy.getLoginUrl() == null || isLoginPage(policy.getLoginUrl(), request)
                ? null
                : loginLink(policy, reason, request);
        if (login != null && policy.isLoginRedirect() && reason.status() == 401 && signsIn(reason.action())) {
            headers.add("Location");
            headers.add(login);
            int status = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD ? 302 : 303;
            String body = render("Sign in", "Sign in to continue.", status, reason, link(login, "Sign in"));
            return new GatewayAnswer(status, List.of(), HTML, body, 0, headers);
        }
        Text text = Text.of(reason, retryAfterSeconds);
        String link = "";
        if (text.link == Link.LOGIN && login != null) {
            link = link(login, text.linkText);
        } else if (text.link == Link.RETRY && request.method() == HttpMethod.GET) {
            link = GatewayReturnUrls.sameOrigin(returnUrl(request)).map(url -> link(url, text.linkText)).orElse("");
        }
        String body = render(text.title, text.message, reason.status(), reason, link);
        return new GatewayAnswer(reason.status(), challenges, HTML, body, retryAfterSeconds, headers);
    }

    private static boolean isLoginPage(String loginUrl, HttpServerRequest request) {
        int query = loginUrl.indexOf('?');
        return loginUrl.startsWith("/") && (query < 0 ? loginUrl : loginUrl.substring(0, query)).equals(request.path());
    }

    private static boolean signsIn(Action action) {
        return action == Action.AUTHENTICATE || action == Action.REAUTHENTICATE || action == Action.REFRESH_TOKEN
                || action == Action.STEP_UP;
    }

    private String render(String title, String message, int status, FailureReason reason, String link) {
        return template.replace("{{title}}", escape(title)).replace("{{message}}", escape(message))
                .replace("{{status}}", Integer.toString(status)).replace("{{code}}", escape(reason.code()))
                .replace("{{action}}", escape(reason.action().wireName())).replace("{{link}}", link);
    }

    private static String link(String href, String text) {
        return "<p><a class=\"action\" href=\"" + escape(href) + "\">" + escape(text) + "</a></p>";
    }

    /**
     * The login URL with the return URL: the refused request's own path and query, never its authority; a path that
     * a browser would read as another host ({@code //host}) leaves the return URL out. For a step-up, also the
     * {@code acr_values} and {@code max_age} that the login should ask the authorization server for.
     */
    private String loginLink(PolicyDefinition policy, FailureReason reason, HttpServerRequest request) {
        StringBuilder url = new StringBuilder(policy.getLoginUrl());
        char separator = url.indexOf("?") < 0 ? '?' : '&';
        String back = GatewayReturnUrls.sameOrigin(returnUrl(request)).orElse(null);
        if (back != null) {
            url.append(separator).append(returnParameter).append('=').append(URLEncoder.encode(back, StandardCharsets.UTF_8));
            separator = '&';
        }
        if (reason.action() == Action.REQUEST_ACCESS) {
            // "sign in as someone else": OpenID Connect's way of asking for a new sign-in rather than the current one
            url.append(separator).append("prompt=login");
            separator = '&';
        }
        if (reason == FailureReason.INSUFFICIENT_USER_AUTHENTICATION) {
            if (!policy.getAcrValues().isEmpty()) {
                url.append(separator).append("acr_values=")
                        .append(URLEncoder.encode(String.join(" ", policy.getAcrValues()), StandardCharsets.UTF_8));
                separator = '&';
            }
            if (policy.getMaxAgeSeconds() > 0) {
                url.append(separator).append("max_age=").append(policy.getMaxAgeSeconds());
            }
        }
        return url.toString();
    }

    private static String returnUrl(HttpServerRequest request) {
        String path = request.path();
        String query = request.query();
        return query == null || query.isEmpty() ? path : path + '?' + query;
    }

    /** HTML text and attribute escaping of the five characters that could end either. */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private enum Link {
        LOGIN,
        RETRY,
        NONE
    }

    /** The words of the page, per reason: what happened, what to do, the link that does it. */
    private record Text(String title, String message, Link link, String linkText) {

        static Text of(FailureReason reason, long retryAfterSeconds) {
            String wait = retryAfterSeconds > 0 ? "Try again in " + retryAfterSeconds + " seconds." : "Try again in a moment.";
            return switch (reason) {
                case MISSING_CREDENTIALS -> new Text("Sign in to continue", "You need to sign in to see this page.",
                        Link.LOGIN, "Sign in");
                case SCHEME_NOT_ACCEPTED -> new Text("This page needs another kind of sign-in",
                        "Your browser sent a sign-in of a kind this page does not accept. Sign in the way this page asks for.",
                        Link.LOGIN, "Sign in");
                case INVALID_CREDENTIALS -> new Text("Sign-in failed",
                        "The user name or password was not correct. Sign in again to continue.", Link.LOGIN, "Sign in again");
                case INVALID_TOKEN, MALFORMED_CREDENTIALS -> new Text("Please sign in again",
                        "Your sign-in could not be verified. Sign in again to continue.", Link.LOGIN, "Sign in again");
                case TOKEN_EXPIRED -> new Text("Your session expired",
                        "For your security, sessions end after a while. Sign in again to continue where you left off.",
                        Link.LOGIN, "Sign in again");
                case TOKEN_NOT_YET_VALID -> new Text("Your sign-in is not valid yet",
                        "This usually means that a clock is off. " + wait, Link.RETRY, "Try again");
                case REVOKED -> new Text("Your session has ended",
                        "You were signed out, or your access was withdrawn. Sign in again to continue.", Link.LOGIN,
                        "Sign in again");
                case INSUFFICIENT_USER_AUTHENTICATION -> new Text("Confirm it is you",
                        "This page needs a stronger or more recent sign-in than the one you used.", Link.LOGIN,
                        "Sign in again");
                case INSUFFICIENT_SCOPE, FORBIDDEN -> new Text("You do not have access to this page",
                        "You are signed in as someone who may not see this page. Ask for access, or sign in as someone else.",
                        Link.LOGIN, "Sign in as someone else");
                case MALFORMED_REQUEST, INVALID_HOST -> new Text("This address cannot be opened",
                        "The address or the request is malformed. Check the address and try again.", Link.NONE, "");
                case TOO_MANY_FAILURES -> new Text("Too many attempts",
                        "There were too many failed sign-ins. " + wait, Link.NONE, "");
                case VERIFICATION_BUSY, STORE_UNAVAILABLE -> new Text("Briefly unavailable",
                        "Your sign-in cannot be checked right now. " + wait, Link.RETRY, "Try again");
                case UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT -> new Text("Briefly unavailable",
                        "The service behind this page is not answering right now. " + wait, Link.RETRY, "Try again");
                case INTERNAL_ERROR -> new Text("Something went wrong",
                        "The request could not be processed. " + wait, Link.RETRY, "Try again");
            };
        }
    }
}
