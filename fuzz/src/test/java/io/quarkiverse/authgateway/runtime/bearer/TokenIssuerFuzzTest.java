package io.quarkiverse.authgateway.runtime.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the routing of a Bearer token by its {@code iss}, as {@link BearerIdentityProvider} does it before any
 * verification: {@link BearerTokens#screen}, {@link BearerTokens#parseUntrusted}, the refusal of nested JWTs, then
 * {@link JwtClaims#getIssuer()}.
 * <p>
 * The last input byte chooses the form: odd, the other bytes are the token as it is (ASCII); even, they are a JOSE
 * header and a claims set (two strings, each ended by a backslash and one more character) and signature bytes,
 * base64url-encoded into a compact JWS, so that the fuzzer works on the JSON that jose4j parses. Documented
 * refusals are exactly the ones the provider answers with {@code INVALID_TOKEN} (or hands to an opaque-token
 * provider): a screen reason, {@link InvalidJwtException}, {@link MalformedClaimException}, and more than one JOSE
 * object. Any other exception is a finding.
 */
class TokenIssuerFuzzTest {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @FuzzTest(maxDuration = "15s")
    void issuer(FuzzedDataProvider data) {
        String token = data.consumeBoolean() ? data.consumeRemainingAsAsciiString() : compactJws(data);
        String shape = BearerTokens.screen(token);
        if (shape != null) {
            return;
        }
        assertNull(BearerTokens.syntaxError(token), token);
        JwtContext parsed;
        String iss;
        try {
            parsed = BearerTokens.parseUntrusted(token);
            if (parsed.getJoseObjects().size() != 1) {
                return;
            }
            iss = parsed.getJwtClaims().getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            return;
        }
        assertEquals(token, parsed.getJwt());
        if (iss != null) {
            assertEquals(iss, parsed.getJwtClaims().getClaimValue("iss"));
        } else {
            assertNull(parsed.getJwtClaims().getClaimValue("iss"), token);
        }
    }

    private static String compactJws(FuzzedDataProvider data) {
        String header = data.consumeString(1024);
        String claims = data.consumeString(4096);
        byte[] signature = data.consumeRemainingAsBytes();
        return BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(signature);
    }
}
