package io.quarkiverse.authgateway.runtime.http;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Keeps HTTP/2 over cleartext (h2c) off on the plain HTTP port unless
 * {@code quarkus.auth-gateway.http2-cleartext=true}. When a request is upgraded with {@code Upgrade: h2c}, Vert.x
 * turns its HTTP/1.1 header fields into HTTP/2 ones keeping only the last value of each name, before any code sees
 * the request: two {@code Authorization} headers arrive as one, and the rule that refuses them (400) cannot apply.
 * Vert.x switches the upgrade and HTTP/2 with prior knowledge on and off together, so both go. HTTP/2 over TLS
 * (ALPN) is not affected: it has no upgrade.
 */
@Singleton
public class CleartextHttp2Guard implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final boolean allowed;

    public CleartextHttp2Guard(AuthGatewayRuntimeConfig config) {
        this.allowed = config.http2Cleartext();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (!allowed && options.isHttp2ClearTextEnabled()) {
            options.setHttp2ClearTextEnabled(false);
            LOG.debug("HTTP/2 over cleartext (h2c) is off on the HTTP port: an h2c upgrade would merge repeated "
                    + "Authorization headers; set quarkus.auth-gateway.http2-cleartext=true to allow it");
        }
    }
}
