package io.quarkiverse.authgateway.runtime.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ForwardedRouteTest {

    private static ForwardedRoute route(String prefix, boolean prefixMatch, String upstreamPath) {
        return new ForwardedRoute("r", prefix, prefixMatch, "u", upstreamPath, false, false);
    }

    @Test
    void pathsUnderThePrefix() {
        ForwardedRoute unchanged = route("/api/orders", true, null);
        assertEquals("/api/orders/42", unchanged.upstreamPathOf("/api/orders/42"));
        assertEquals("/api/orders", unchanged.upstreamPathOf("/api/orders"));
        assertNull(unchanged.upstreamPathOf("/api/ordersx"), "a prefix is whole segments");
        assertNull(unchanged.upstreamPathOf("/api"));
        assertNull(unchanged.removedPrefix());

        ForwardedRoute replaced = route("/api/orders", true, "/v1");
        assertEquals("/v1/42/items", replaced.upstreamPathOf("/api/orders/42/items"));
        assertEquals("/v1", replaced.upstreamPathOf("/api/orders"));
        assertEquals("/api/orders", replaced.removedPrefix());

        ForwardedRoute toRoot = route("/api/orders", true, "/");
        assertEquals("/42", toRoot.upstreamPathOf("/api/orders/42"));
        assertEquals("/", toRoot.upstreamPathOf("/api/orders"));

        ForwardedRoute trailing = route("/api/orders", true, "/v1/");
        assertEquals("/v1/42", trailing.upstreamPathOf("/api/orders/42"));
    }

    @Test
    void exactPathsAndTheRoot() {
        ForwardedRoute exact = route("/status", false, "/health");
        assertEquals("/health", exact.upstreamPathOf("/status"));
        assertNull(exact.upstreamPathOf("/status/x"));

        ForwardedRoute everything = route("/", true, null);
        assertEquals("/a/b", everything.upstreamPathOf("/a/b"));
        assertEquals("/", everything.upstreamPathOf("/"));
        ForwardedRoute everythingMoved = route("/", true, "/v2");
        assertEquals("/v2/a", everythingMoved.upstreamPathOf("/a"));
        assertNull(everythingMoved.removedPrefix(), "nothing is removed from a route of every path");
    }
}
