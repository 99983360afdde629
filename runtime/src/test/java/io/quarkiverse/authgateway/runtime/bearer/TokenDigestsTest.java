package io.quarkiverse.authgateway.runtime.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenDigestsTest {

    private static final String CANONICAL = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl"
            + "MQ";

    @ParameterizedTest
    @ValueSource(strings = { "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "Ma", "Mb", "Mc", "Md", "Me", "Mf" })
    void everySpellingOfTheSameSignatureHasTheRevocationDigestOfTheCanonicalOne(String lastCharacters) {
        String variant = CANONICAL.substring(0, CANONICAL.length() - 2) + lastCharacters;
        String signature = CANONICAL.substring(CANONICAL.lastIndexOf('.') + 1);
        String variantSignature = variant.substring(variant.lastIndexOf('.') + 1);

        // the premise: a decoder reads the same bytes from both
        assertEquals(new String(Base64.getUrlDecoder().decode(signature)),
                new String(Base64.getUrlDecoder().decode(variantSignature)));
        assertEquals(TokenDigests.revocationDigest(CANONICAL), TokenDigests.revocationDigest(variant));
        assertNotEquals(TokenDigests.sha256(CANONICAL), TokenDigests.sha256(variant), "the digest of the exact text");
    }

    @Test
    void aCanonicalTokenHasTheSameDigestAsBefore() {
        assertEquals(TokenDigests.sha256(CANONICAL), TokenDigests.revocationDigest(CANONICAL));
        assertEquals(TokenDigests.sha256("opaque-token"), TokenDigests.revocationDigest("opaque-token"));
    }

    @Test
    void differentBytesKeepDifferentDigests() {
        assertNotEquals(TokenDigests.revocationDigest(CANONICAL),
                TokenDigests.revocationDigest(CANONICAL.substring(0, CANONICAL.length() - 2) + "Mg"));
    }
}
