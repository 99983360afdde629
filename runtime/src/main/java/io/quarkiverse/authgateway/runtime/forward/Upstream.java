package io.quarkiverse.authgateway.runtime.forward;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.FastThreadLocal;
import io.quarkiverse.authgateway.runtime.UpstreamConfig;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.quarkus.tls.runtime.config.TlsConfigUtils;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A configured upstream: its instances (fixed URLs in turn, or a Stork service), its pooled HTTP client and its
 * timeouts.
 */
final class Upstream {

    private static final String PREFIX = "quarkus.auth-gateway.upstream.";

    private final String name;
    private final FastThreadLocal<HttpClient> clients;
    private final List<HttpClient> created = new CopyOnWriteArrayList<>();
    private final List<Future<UpstreamInstance>> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final UpstreamDiscovery discovery;
    private final String storkService;
    private final long connectTimeoutMillis;
    private final long timeoutMillis;
    private final long retryAfterSeconds;
    private final UpstreamConfig.IdentityPropagation identity;
    private final String audience;

    Upstream(String name, UpstreamConfig config, Vertx vertx, UpstreamDiscovery discovery,
            TlsConfigurationRegistry tlsRegistry) {
        this.name = name;
        String property = PREFIX + name + ".url";
        List<UpstreamInstance> fixed = new ArrayList<>();
        String stork = null;
        for (String url : config.url()) {
            String trimmed = url.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("stork://")) {
                stork = storkService(trimmed, property, config.url().size(), discovery);
            } else {
                fixed.add(instance(trimmed, property));
            }
        }
        if (fixed.isEmpty() && stork == null) {
            throw new ConfigurationException(property + " is empty: give the upstream's URL", Set.of(property));
        }
        this.instances = fixed.stream().map(Future::succeededFuture).toList();
        this.storkService = stork;
        this.discovery = discovery;
        this.connectTimeoutMillis = Math.max(1, config.connectTimeout().toMillis());
        this.timeoutMillis = Math.max(1, config.timeout().toMillis());
        this.retryAfterSeconds = GatewayAnswer.retryAfterSeconds(config.retryAfter());
        this.identity = config.identity();
        this.audience = config.audience().orElse(name);

        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .setDecompressionSupported(false)
                .setName("auth-gateway-upstream-" + name);
        if (config.tlsConfigurationName().isPresent()) {
            String tlsName = config.tlsConfigurationName().get();
            TlsConfiguration tls = tlsRegistry == null ? null : tlsRegistry.get(tlsName).orElse(null);
            if (tls == null) {
                throw new ConfigurationException(PREFIX + name + ".tls-configuration-name names '" + tlsName
                        + "', which is not configured: declare quarkus.tls." + tlsName + ".*",
                        Set.of(PREFIX + name + ".tls-configuration-name"));
            }
            TlsConfigUtils.configure(options, tls);
        }
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(Math.max(1, config.maxConnections()));
        // a client (and pool) per event loop: a connection is then always used on the thread it belongs to, with no
        // hand-off between event loops per request
        this.clients = new FastThreadLocal<>() {

            @Override
            protected HttpClient initialValue() {
                HttpClient client = vertx.createHttpClient(options, pool);
                created.add(client);
                return client;
            }
        };
    }

    private static String storkService(String url, String property, int urls, UpstreamDiscovery discovery) {
        if (discovery == null) {
            throw new ConfigurationException(property + " is '" + url + "', but the application does not have "
                    + "quarkus-smallrye-stork: add the extension, or give plain http(s) URLs", Set.of(property));
        }
        if (urls != 1) {
            throw new ConfigurationException(property + " mixes a stork:// URL with other URLs: give one stork:// URL "
                    + "and list the instances in the Stork service's configuration", Set.of(property));
        }
        String service = url.substring("stork://".length());
        if (service.isEmpty() || !service.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigurationException(property + " is '" + url + "': a Stork URL is stork://<service-name>",
                    Set.of(property));
        }
        return service;
    }

    private static UpstreamInstance instance(String url, String property) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new ConfigurationException(property + " lists '" + url + "': an upstream URL is http://host:port or "
                    + "https://host:port, without path, user info, query or fragment (routes choose the path with "
                    + "quarkus.auth-gateway.route.<name>.upstream-path)", Set.of(property));
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new UpstreamInstance(host, port, ssl);
    }

    /** How often a request may try to connect: once per fixed instance, once for Stork (its load balancer chooses). */
    int attempts() {
        return storkService != null ? 1 : instances.size();
    }

    /** The instance for the next request. */
    Future<UpstreamInstance> select() {
        if (storkService != null) {
            return discovery.select(storkService);
        }
        int size = instances.size();
        return size == 1 ? instances.get(0) : instances.get(Math.floorMod(next.getAndIncrement(), size));
    }

    /** A request to an instance, with this upstream's timeouts; connects (or takes a pooled connection). */
    Future<HttpClientRequest> request(UpstreamInstance instance, HttpMethod method, String uri) {
        return clients.get().request(new RequestOptions()
                .setMethod(method)
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.ssl())
                .setURI(uri)
                .setConnectTimeout(connectTimeoutMillis));
    }

    /** A WebSocket to an instance. */
    Future<WebSocket> webSocket(UpstreamInstance instance, WebSocketConnectOptions options) {
        return clients.get().webSocket(options.setHost(instance.host()).setPort(instance.port()).setSsl(instance.ssl())
                .setConnectTimeout(connectTimeoutMillis).setTimeout(timeoutMillis));
    }

    String name() {
        return name;
    }

    long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    UpstreamConfig.IdentityPropagation identity() {
        return identity;
    }

    String audience() {
        return audience;
    }

    void close() {
        created.forEach(HttpClient::close);
    }
}
