package io.quarkiverse.authgateway.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.vertx.core.http.impl.HttpUtils;

/**
 * Fuzzes {@link RequestPaths#canonicalPath} and {@link RequestPaths#hasAmbiguousCharacters} without a server. The
 * input bytes are the request target as Netty reads it (ISO-8859-1); the request's {@code path()} is what Vert.x
 * derives from it ({@code HttpUtils.parsePath}) and {@code normalizedPath()} is what Vert.x Web's routing context
 * computes ({@link HttpUtils#normalizePath}), so the class under test sees what it sees behind a real server.
 * <p>
 * The documented refusal is {@code null}; it must never throw. A path that does not start with {@code '/'} or has an
 * ambiguous character must be refused. Every accepted path starts with {@code '/'}, has no {@code "//"}, no trailing
 * {@code '/'} unless it is {@code "/"}, no {@code ';'} (matrix parameters are removed), no control character (C0, DEL, C1),
 * no backslash and no encoded separator, and is its own canonical path.
 */
class RequestPathsFuzzTest {

    private static final MethodHandle PARSE_PATH = parsePath();

    @FuzzTest(maxDuration = "15s")
    void canonicalPath(byte[] input) throws Throwable {
        String target = new String(input, StandardCharsets.ISO_8859_1);
        String path = (String) PARSE_PATH.invokeExact(target);
        String canonical = RequestPaths.canonicalPath(PathContexts.of(path));
        if (path.isEmpty() || path.charAt(0) != '/' || RequestPaths.hasAmbiguousCharacters(path)) {
            assertNull(canonical, () -> "accepted " + path);
            return;
        }
        if (canonical == null) {
            return;
        }
        assertTrue(canonical.startsWith("/"), canonical);
        assertFalse(canonical.contains("//"), canonical);
        assertTrue(canonical.length() == 1 || !canonical.endsWith("/"), canonical);
        assertEquals(-1, canonical.indexOf(';'), canonical);
        assertEquals(-1, canonical.indexOf('\\'), canonical);
        assertTrue(canonical.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)), canonical);
        assertFalse(RequestPaths.hasAmbiguousCharacters(canonical), canonical);
        assertEquals(canonical, RequestPaths.canonicalPath(PathContexts.of(canonical)), () -> "not canonical: " + path);
    }

    private static MethodHandle parsePath() {
        try {
            Method method = HttpUtils.class.getDeclaredMethod("parsePath", String.class);
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(String.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
