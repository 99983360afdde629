package io.quarkiverse.authgateway.runtime.revocation.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Strict reading of the revocation endpoints' bodies: a declared size within the limit, the expected content type,
 * UTF-8 without overlong forms, plain RFC 8259 JSON objects (no comments, no member named twice) and well-formed forms
 * (no bad percent-encoding, no repeated parameter).
 */
@Singleton
public class RequestBodies {

    static final int MAX_BODY = 16 * 1024;
    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A request body that is not well-formed: answered 400 {@code invalid_request} with the message. */
    static final class MalformedBodyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }

    private final RevocationAnswers answers;

    public RequestBodies(RevocationAnswers answers) {
        this.answers = answers;
    }

    void withJsonBody(RoutingContext context, Consumer<JsonObject> consumer) {
        if (!isContentType(context, "application/json")) {
            answers.problem(context, 415, "unsupported_media_type", "Send application/json.");
            return;
        }
        withBody(context, body -> {
            String text = strictUtf8(body);
            if (text == null) {
                throw new MalformedBodyException("The body is not valid UTF-8.");
            }
            String problem = strictJsonProblem(text);
            if (problem != null) {
                throw new MalformedBodyException(problem);
            }
            Object parsed;
            try {
                parsed = Json.decodeValue(text);
            } catch (DecodeException e) {
                throw new MalformedBodyException("The body is not valid JSON.");
            }
            if (!(parsed instanceof JsonObject json)) {
                throw new MalformedBodyException("The body must be a JSON object.");
            }
            consumer.accept(json);
        });
    }

    /**
     * Reads a form posted to an endpoint that takes nothing else: another method is a 405 (with {@code usage}), another
     * content type a 415.
     */
    void withPostedForm(RoutingContext context, String usage, Consumer<String> consumer) {
        if (context.request().method() != HttpMethod.POST) {
            context.response().putHeader("Allow", "POST");
            answers.problem(context, 405, "method_not_allowed", usage);
            return;
        }
        if (!isContentType(context, "application/x-www-form-urlencoded")) {
            answers.problem(context, 415, "unsupported_media_type", "Send application/x-www-form-urlencoded.");
            return;
        }
        withBody(context, body -> consumer.accept(body.toString()));
    }

    void withBody(RoutingContext context, Consumer<Buffer> consumer) {
        String length = context.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length);
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared < 0) {
            answers.problem(context, 411, "length_required", "Send a Content-Length of at most " + MAX_BODY + " bytes.");
            return;
        }
        if (declared > MAX_BODY) {
            answers.problem(context, 413, "payload_too_large", "The body must be at most " + MAX_BODY + " bytes.");
            return;
        }
        // RFC 9110 section 10.1.1: a client that waits for 100 (Continue) gets it once the request is accepted this far
        if (context.request().version() == HttpVersion.HTTP_1_1
                && "100-continue".equalsIgnoreCase(context.request().getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        // the security handlers pause the request while they authenticate: read the body now that they are done
        context.request().resume();
        context.request().body().onComplete(result -> answers.guard(context, () -> {
            if (result.failed()) {
                answers.problem(context, 400, "invalid_request", "The body could not be read.");
            } else {
                consumer.accept(result.result());
            }
        }));
    }

    static boolean isContentType(RoutingContext context, String expected) {
        String type = context.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(expected);
    }

    /**
     * @param form an {@code application/x-www-form-urlencoded} body
     * @return the decoded value of the parameter, or {@code null} when it is absent or empty
     * @throws MalformedBodyException when the form is not well-formed (bad percent-encoding) or names the parameter
     *         twice: which of two tokens would be meant is not for the server to guess
     */
    static String formValue(String form, String name) {
        String found = null;
        for (String pair : form.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (formDecode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                if (found != null) {
                    throw new MalformedBodyException("The form names " + name + " more than once.");
                }
                found = equals < 0 ? "" : formDecode(pair.substring(equals + 1));
            }
        }
        return found == null || found.isEmpty() ? null : found;
    }

    private static String formDecode(String text) {
        try {
            String decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
            if (decoded.indexOf('\ufffd') >= 0) {
                throw new MalformedBodyException("The form is not valid percent-encoded UTF-8.");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new MalformedBodyException("The form is not valid percent-encoded UTF-8.");
        }
    }

    /**
     * @return the body decoded as UTF-8, or {@code null} when it is not UTF-8 (overlong forms and surrogates included)
     */
    private static String strictUtf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * RFC 8259 as written, no extensions: no comments, no single quotes, no trailing data, and no member named twice
     * (RFC 8259 section 4 leaves duplicates to the receiver; which one was meant is not for a revocation API to
     * guess).
     *
     * @return why the text is refused, or {@code null}
     */
    private static String strictJsonProblem(String text) {
        try (JsonParser parser = STRICT_JSON.createParser(text)) {
            while (parser.nextToken() != null) {
                // reading every token is the check
            }
            return null;
        } catch (JsonParseException e) {
            return e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "The body names a member more than once."
                    : "The body is not valid JSON.";
        } catch (IOException e) {
            return "The body is not valid JSON.";
        }
    }
}
