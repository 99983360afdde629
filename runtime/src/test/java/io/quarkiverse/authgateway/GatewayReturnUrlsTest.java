package io.quarkiverse.authgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only paths of the same origin are return URLs: every way a browser could read a string as another site is refused.
 */
class GatewayReturnUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/orders", "/orders?page=2&sort=date", "/a/b/../c", "/%2F%2Fevil.example",
            "/orders#top", "/caf%C3%A9", "/path:with:colons", "/https://evil.example", "/a;b=c@d!$&'()*+,~" })
    void pathsOfThisSiteAreKept(String candidate) {
        assertEquals(Optional.of(candidate), GatewayReturnUrls.sameOrigin(candidate));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "https://evil.example/", "http://evil.example", "//evil.example", "//evil.example/x",
            "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
            " /orders", "/ orders", "javascript:alert(1)", "data:text/html,x", "evil.example", "orders",
            "/\u0000", "/\u0085x", "/\u2028x", "/\u202ex", "/\u00a0x", "/x\\y", "///evil.example", "/a\"b", "/a<b>",
            "/a%zz", "/a%2", "/a%", "/a{b}", "/a|b", "/a^b", "/a`b", "/caf\u00e9", "/\uff0fevil", "/a[b]", "/a#b#c" })
    void everythingElseIsRefused(String candidate) {
        assertEquals(Optional.empty(), GatewayReturnUrls.sameOrigin(candidate));
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongAreRefused() {
        assertEquals(Optional.empty(), GatewayReturnUrls.sameOrigin(null));
        assertEquals(Optional.empty(), GatewayReturnUrls.sameOrigin("/" + "a".repeat(GatewayReturnUrls.MAX_LENGTH)));
        assertEquals(Optional.of("/" + "a".repeat(GatewayReturnUrls.MAX_LENGTH - 1)),
                GatewayReturnUrls.sameOrigin("/" + "a".repeat(GatewayReturnUrls.MAX_LENGTH - 1)));
    }
}
