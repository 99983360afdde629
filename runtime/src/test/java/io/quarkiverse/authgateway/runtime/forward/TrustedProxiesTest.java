package io.quarkiverse.authgateway.runtime.forward;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.net.SocketAddress;

class TrustedProxiesTest {

    private static SocketAddress peer(String address) {
        return SocketAddress.inetSocketAddress(40000, address);
    }

    @Test
    void addressesAndRangesOfBothFamilies() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", " 192.168.1.7 ", "2001:db8::/32", "::1"));
        assertTrue(proxies.trusts(peer("10.200.3.4")));
        assertTrue(proxies.trusts(peer("192.168.1.7")));
        assertFalse(proxies.trusts(peer("192.168.1.8")));
        assertFalse(proxies.trusts(peer("11.0.0.1")));
        assertTrue(proxies.trusts(peer("2001:db8:1::5")));
        assertFalse(proxies.trusts(peer("2001:db9::5")));
        assertTrue(proxies.trusts(peer("::1")));
        assertTrue(proxies.trusts(peer("::ffff:10.1.1.1")), "an IPv4-mapped address is the IPv4 address");
        assertFalse(proxies.trusts(null));
    }

    @Test
    void oddPrefixLengths() {
        TrustedProxies proxies = TrustedProxies.of(List.of("172.16.0.0/12", "0.0.0.0/0"));
        assertTrue(proxies.trusts(peer("172.31.255.255")));
        assertTrue(proxies.trusts(peer("8.8.8.8")), "/0 trusts every IPv4 peer");
        assertFalse(proxies.trusts(peer("::2")), "but no IPv6 one");
        assertFalse(TrustedProxies.of(List.of()).trusts(peer("127.0.0.1")));
    }

    @Test
    void namesAndMalformedEntriesFailTheStart() {
        for (String entry : List.of("proxy.internal", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/x", "", "1.2.3.4/",
                "[::1", "10.0.0.1 10.0.0.2")) {
            assertThrows(ConfigurationException.class, () -> TrustedProxies.of(List.of(entry)), entry);
        }
    }
}
