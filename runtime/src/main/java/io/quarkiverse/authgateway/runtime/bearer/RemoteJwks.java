package io.quarkiverse.authgateway.runtime.bearer;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A JWK set fetched from a URL with the non-blocking Vert.x client, never on a request's critical path more than
 * once per cooldown: concurrent refreshes share one fetch, a failed fetch keeps the previous keys, and key ids made
 * up by an attacker cannot cause more than one fetch per cooldown.
 */
final class RemoteJwks implements IssuerKeys {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    private static final Uni<Boolean> NOT_NOW = Uni.createFrom().item(Boolean.FALSE);
    private static final long FETCH_TIMEOUT_MILLIS = 5_000;

    private final HttpClient client;
    private final String url;
    private final String issuerName;
    private final long cooldownNanos;
    private volatile List<JsonWebKey> keys = List.of();
    private long lastAttemptNanos;
    private boolean attempted;
    private Uni<Boolean> inFlight;
    private volatile Instant lastFetch;
    private volatile String lastError;
    private final LongAdder fetches = new LongAdder();
    private final LongAdder failures = new LongAdder();

    RemoteJwks(HttpClient client, String url, String issuerName, long cooldownNanos) {
        this.client = client;
        this.url = url;
        this.issuerName = issuerName;
        this.cooldownNanos = cooldownNanos;
    }

    @Override
    public List<JsonWebKey> current() {
        return keys;
    }

    @Override
    public KeySetState state() {
        return new KeySetState("jwks-url " + url, IssuerKeys.kids(keys), lastFetch, lastError, fetches.sum(),
                failures.sum());
    }

    @Override
    public synchronized Uni<Boolean> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        long now = System.nanoTime();
        if (attempted && now - lastAttemptNanos < cooldownNanos) {
            return NOT_NOW;
        }
        attempted = true;
        lastAttemptNanos = now;
        Uni<Boolean> fetch = Uni.createFrom().completionStage(() -> fetch().toCompletionStage())
                .onItem().transform(fetched -> {
                    keys = fetched;
                    lastFetch = Instant.now();
                    lastError = null;
                    fetches.increment();
                    LOG.debugf("Fetched %d key(s) of issuer '%s' from %s", fetched.size(), issuerName, url);
                    return Boolean.TRUE;
                })
                .onFailure().recoverWithItem(failure -> {
                    lastError = failure.getMessage();
                    failures.increment();
                    LOG.warnf("Cannot fetch the keys of issuer '%s' from %s (%s); the %d key(s) fetched before keep "
                            + "serving", issuerName, url, failure.getMessage(), keys.size());
                    return Boolean.FALSE;
                })
                .onTermination().invoke(this::fetchEnded)
                .memoize().indefinitely();
        inFlight = fetch;
        return fetch;
    }

    private synchronized void fetchEnded() {
        inFlight = null;
    }

    private Future<List<JsonWebKey>> fetch() {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setTimeout(FETCH_TIMEOUT_MILLIS).putHeader("Accept", "application/json");
        return client.request(options)
                .compose(request -> request.send())
                .compose(this::body)
                .compose(body -> {
                    try {
                        return Future.succeededFuture(KeyMaterial.fromJson(body.toString()));
                    } catch (JoseException | RuntimeException e) {
                        return Future.failedFuture("the response is not a JWK set");
                    }
                });
    }

    private Future<Buffer> body(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture("HTTP " + response.statusCode());
        }
        return response.body();
    }
}
