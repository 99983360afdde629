package io.quarkiverse.authgateway.runtime.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.json.JsonObject;

/** The body as an object mapper would write it, for texts that need escaping. */
class ProblemBodyTest {

    @ParameterizedTest
    @ValueSource(strings = { "/orders", "/a\"b\\c", "/line\nbreak\r\t", "/\u0000\u001f\u007f", "/é/日本/😀",
            "/\u2028\u2029", "/</script>", "" })
    void theBodyIsTheJsonOfItsMembersInTheirOrder(String text) {
        String body = ProblemBody.of("https://errors.example/" + text, 401, "invalid_token", Action.AUTHENTICATE,
                "detail " + text).write(text, "cause " + text);
        JsonObject expected = new JsonObject().put("type", "https://errors.example/" + text + "invalid_token")
                .put("title", "Unauthorized").put("status", 401).put("code", "invalid_token")
                .put("action", Action.AUTHENTICATE.wireName()).put("detail", "detail " + text).put("instance", text)
                .put("cause", "cause " + text);
        assertEquals(expected.encode(), body);
        JsonObject parsed = new JsonObject(body);
        assertEquals(List.copyOf(expected.fieldNames()), List.copyOf(parsed.fieldNames()));
        assertEquals(expected, parsed);
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 403, 503 })
    void withoutInstanceNorCauseTheBodyEndsAfterDetail(int status) {
        String body = ProblemBody.of(null, status, "code", Action.AUTHENTICATE, "d").write(null, null);
        assertEquals(new JsonObject().put("type", ProblemBody.ABOUT_BLANK).put("title", ProblemBody.title(status))
                .put("status", status).put("code", "code").put("action", Action.AUTHENTICATE.wireName())
                .put("detail", "d").encode(), body);
    }
}
