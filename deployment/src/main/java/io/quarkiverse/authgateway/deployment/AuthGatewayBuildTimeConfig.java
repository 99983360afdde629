package io.quarkiverse.authgateway.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Auth Gateway settings that shape the build: which schemes exist, the policies and which routes they govern.
 * Policies and route bindings are validated and compiled into an immutable table at build time; changing them
 * requires a rebuild.
 */
@ConfigMapping(prefix = "quarkus.auth-gateway")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface AuthGatewayBuildTimeConfig {

    /**
     * Whether the gateway is active. When disabled, none of its beans, routes or checks are installed.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The policy of requests that no route binding or annotation covers: {@code deny} (the default), {@code
     * authenticated}, {@code permit}, or the name of a declared policy. Endpoints that fall to it are listed in the
     * build log and in the policy report.
     */
    @WithDefault("deny")
    String defaultPolicy();

    /**
     * Fail the build when a REST endpoint is covered by no route binding and no annotation, instead of warning that
     * it falls to the default policy. Recommended in CI: every endpoint then has a policy someone chose.
     */
    @WithDefault("false")
    boolean requireExplicitPolicy();

    /**
     * Whether the health probes answer {@code GET} and {@code HEAD} without credentials, as Kubernetes and load
     * balancers need: {@code health}, {@code health/live}, {@code health/ready} and {@code health/started} under the
     * non-application root path ({@code /q} by default). A route binding of the same path wins. Set it to
     * {@code false} to put the probes under the default policy like every other {@code /q/*} endpoint.
     */
    @WithDefault("true")
    boolean publicHealthProbes();

    /**
     * Readiness checks, with quarkus-smallrye-health.
     */
    Health health();

    /**
     * The OpenAPI document, with quarkus-smallrye-openapi.
     */
    OpenApi openapi();

    /**
     * What the gateway writes into the OpenAPI document.
     */
    interface OpenApi {

        /**
         * Whether the compiled policies are written into the OpenAPI document, when the application has
         * quarkus-smallrye-openapi: a security scheme per enabled scheme and configured OIDC provider, each
         * operation's security requirement and its 401 and 403 answers.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * The gateway's readiness checks.
     */
    interface Health {

        /**
         * Whether the readiness checks {@code auth-gateway revocation store} (down while the store is unreachable) and
         * {@code auth-gateway key sets} (down while a local issuer has no key) are registered, when the application
         * has quarkus-smallrye-health.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * What browsers get when a navigation is refused.
     */
    @ConfigDocSection
    BrowserBuildTimeConfig browser();

    /**
     * The protected resource metadata document (RFC 9728).
     */
    @ConfigDocSection
    ResourceMetadataBuildTimeConfig resourceMetadata();

    /**
     * HTTP Basic authentication.
     */
    @ConfigDocSection
    BasicScheme basic();

    /**
     * Bearer tokens.
     */
    @ConfigDocSection
    BearerScheme bearer();

    /**
     * Named policies. The names {@code permit}, {@code deny} and {@code authenticated} are built in and cannot be
     * redeclared.
     */
    @ConfigDocMapKey("policy-name")
    @ConfigDocSection
    Map<String, Policy> policy();

    /**
     * Route bindings: which paths (and methods) a policy governs. Annotations ({@code @GatewayPolicy},
     * {@code @PublicRoute}) bind REST endpoints directly; route bindings also cover plain Vert.x routes and static
     * resources.
     */
    @ConfigDocMapKey("route-name")
    @ConfigDocSection
    Map<String, RouteBuildTimeConfig> route();

    /**
     * Forwarding to upstream services.
     */
    @ConfigDocSection
    Forwarding forwarding();

    /**
     * Revocation endpoints and the Redis client of the revocation store.
     */
    @ConfigDocSection
    RevocationEndpoints revocation();

    /**
     * The HTTP endpoints through which revocations are made.
     */
    interface RevocationEndpoints {

        /**
         * The admin endpoint: {@code GET} lists, {@code POST} revokes ({@code {"kind":"subject","id":"...","reason":
         * "..."}}), {@code GET}/{@code DELETE} {@code <path>/<kind>/<id>} reads or lifts an entry. Absent unless this
         * path is set.
         */
        Optional<String> adminPath();

        /**
         * The policy that protects the admin endpoint; declare a policy with the roles of your operators.
         */
        @WithDefault("deny")
        String adminPolicy();

        /**
         * The endpoint where a client revokes the Bearer token it presents ({@code POST token=<the token>},
         * RFC 7009 style). Absent unless this path is set; requires an authenticated Bearer caller.
         */
        Optional<String> selfRevocationPath();

        /**
         * The OpenID Connect Back-Channel Logout endpoint: the identity provider posts {@code logout_token=...} and the
         * session or subject it names is revoked. Reachable without credentials (the logout token is the credential);
         * set {@code quarkus.auth-gateway.revocation.back-channel-logout.audience}. Absent unless this path is set.
         */
        Optional<String> backChannelLogoutPath();

        /**
         * The named Redis client ({@code quarkus.redis."<name>".*}) of the Redis revocation store; the default client
         * when absent. Only effective when the application has the {@code quarkus-redis-client} extension.
         */
        Optional<String> redisClientName();
    }

    /**
     * HTTP Basic at build time.
     */
    interface BasicScheme {

        /**
         * Whether the Basic scheme is available to policies. A policy that lists {@code basic} while it is disabled
         * fails the build.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Bearer tokens at build time.
     */
    interface BearerScheme {

        /**
         * Whether the Bearer scheme is available to policies. Defaults to {@code true} when any local issuer
         * ({@code quarkus.auth-gateway.jwt.*}) or OIDC provider ({@code quarkus.auth-gateway.oidc.*}) is configured at
         * build time, {@code false} otherwise, so that applications without tokens do not announce a Bearer
         * challenge. Those issuer settings are run-time configuration read at build time for this one decision: an
         * application built without them and given an issuer only at run time refuses every token, and says so in a
         * warning at startup; set this property to {@code true} to compile Bearer in regardless.
         */
        @ConfigDocDefault("true when quarkus.auth-gateway.jwt.* or quarkus.auth-gateway.oidc.* is set at build time")
        Optional<Boolean> enabled();
    }

    /**
     * A named policy.
     */
    interface Policy {

        /**
         * The schemes accepted on routes of this policy, in the order their challenges are announced. Defaults to
         * every enabled scheme. A request presenting another scheme gets 401 {@code scheme_not_accepted} with the
         * challenges of these.
         */
        Optional<List<String>> schemes();

        /**
         * The roles of which the caller must hold at least one. Without it the policy admits any authenticated
         * caller. An authenticated caller without any of them gets 403.
         */
        Optional<List<String>> rolesAllowed();

        /**
         * Token scopes the caller must hold, all of them (from the {@code scope} or {@code scp} claim). A caller
         * without them gets 403 with {@code error="insufficient_scope"} and the required scopes. Requires the policy
         * to accept {@code bearer}.
         */
        Optional<List<String>> scopes();

        /**
         * Token claims the caller must carry, by claim name: the claim must equal the value or, for an array claim,
         * contain it. Requires the policy to accept {@code bearer}.
         */
        @ConfigDocMapKey("claim")
        Map<String, String> claims();

        /**
         * Step-up authentication (RFC 9470): the authentication context class references of which the token's
         * {@code acr} claim must be one. A token without one of them gets 401 with
         * {@code error="insufficient_user_authentication"} and these values as {@code acr_values}, so that the client
         * asks the authorization server for a stronger sign-in. Requires the policy to accept only {@code bearer}.
         */
        Optional<List<String>> acrValues();

        /**
         * Step-up authentication (RFC 9470): the longest time since the user last authenticated, by the token's
         * {@code auth_time} claim. A token without {@code auth_time}, or one that is older, gets 401 with
         * {@code error="insufficient_user_authentication"} and {@code max_age} (in seconds) in the challenge. Whole
         * seconds, from 1 second to 366 days. Requires the policy to accept only {@code bearer}.
         */
        Optional<Duration> maxAge();

        /**
         * The login URL of this policy's routes; defaults to {@code quarkus.auth-gateway.browser.login-url}. A refused
         * browser navigation's page links there (with the return URL), to sign in again or as someone else.
         */
        Optional<String> loginUrl();

        /**
         * Whether a browser navigation that needs (new) credentials on this policy's routes is redirected to the
         * login URL (302 for {@code GET} and {@code HEAD}, 303 otherwise) instead of getting the 401 page. Only
         * navigations are redirected: {@code fetch}, XHR and API clients still get the 401 and its challenges.
         * Requires a login URL.
         */
        @WithDefault("false")
        boolean loginRedirect();
    }

    /**
     * Forwarding to upstreams, at build time.
     */
    interface Forwarding {

        /**
         * The path, relative to {@code quarkus.http.root-path}, of the JWKS with the public key of the internal
         * tokens that forwarded requests carry ({@code identity=token}). Served only when a route forwards;
         * reachable without credentials, as upstreams must read it.
         */
        @WithDefault("/.well-known/jwks.json")
        String jwksPath();
    }
}
