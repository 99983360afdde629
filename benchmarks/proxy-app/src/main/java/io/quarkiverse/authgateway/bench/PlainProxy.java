package io.quarkiverse.authgateway.bench;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * {@code /fwd/*} forwarded to the upstream with the prefix replaced by {@code /}, as the gateway's benchmark route
 * does, by vertx-http-proxy's {@link HttpProxy} on one pooled client: what forwarding costs on Quarkus before any
 * gateway feature.
 */
@Singleton
public class PlainProxy {

    private static final String PREFIX = "/fwd";

    void route(@Observes Router router, Vertx vertx, @ConfigProperty(name = "bench.upstream.port") int port) {
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(100)))
                .origin(port, "127.0.0.1")
                .addInterceptor(new ProxyInterceptor() {

                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        context.request().setURI(context.request().getURI().substring(PREFIX.length()));
                        return context.sendRequest();
                    }
                });
        router.route(PREFIX + "/*").handler(context -> proxy.handle(context.request()));
    }
}
