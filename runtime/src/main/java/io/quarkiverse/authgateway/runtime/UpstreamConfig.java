package io.quarkiverse.authgateway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * An upstream service that forwarded routes ({@code quarkus.auth-gateway.route.<name>.upstream}) send their requests
 * to. Declare it in {@code application.properties} so that the build knows the name; its URLs and timeouts may then
 * change at run time.
 */
public interface UpstreamConfig {

    /**
     * The base URLs of the service's instances, {@code http://host:port} or {@code https://host:port} without path,
     * query or user info; several URLs are used in turn (round robin). With {@code quarkus-smallrye-stork}, a single
     * {@code stork://<service>} URL selects an instance of the Stork service {@code quarkus.stork.<service>.*} per
     * request, with its service discovery and load balancer.
     */
    List<String> url();

    /**
     * The longest time to open a connection to an instance. A request that cannot connect in time is answered 504
     * {@code upstream_timeout}.
     */
    @WithDefault("5S")
    Duration connectTimeout();

    /**
     * The longest time the upstream may stay silent: once the request (and its body) has been sent, before its
     * response headers, and between two parts of its body; for a WebSocket, before the handshake's answer. A request
     * that waits longer is answered 504 {@code upstream_timeout} (when the response has already started, the
     * connection is closed instead). An upload in progress is not silence.
     */
    @WithDefault("30S")
    Duration timeout();

    /**
     * The delay announced in {@code Retry-After} of the gateway's 502 and 504 answers for this upstream.
     */
    @WithDefault("5S")
    Duration retryAfter();

    /**
     * The most connections the gateway keeps open to each instance (HTTP/1.1 keep-alive pool).
     */
    @WithDefault("100")
    int maxConnections();

    /**
     * The name of the TLS configuration in the Quarkus TLS registry ({@code quarkus.tls.<name>.*}) that
     * {@code https} connections to this upstream use: its trust store, its key store for client certificates and its
     * host name verification. Without it, {@code https} uses the JVM's default trust store.
     */
    Optional<String> tlsConfigurationName();

    /**
     * How the upstream learns who the caller is: {@code token} (a short-lived JWT signed by the gateway, in
     * {@code Authorization: Bearer}, verified with the gateway's published JWKS), {@code headers} (the identity
     * headers of {@code quarkus.auth-gateway.forwarding.identity-headers.*}, safe only when nothing but the gateway
     * can reach the upstream) or {@code none}.
     */
    @WithDefault("token")
    IdentityPropagation identity();

    /**
     * The {@code aud} claim of the internal tokens sent to this upstream. Defaults to the upstream's name.
     */
    Optional<String> audience();

    /**
     * How the identity of the caller reaches an upstream.
     */
    enum IdentityPropagation {
        /** A short-lived JWT signed by the gateway. */
        TOKEN,
        /** Identity headers, which the gateway strips from every incoming request. */
        HEADERS,
        /** Nothing: the upstream does not learn who the caller is. */
        NONE
    }
}
