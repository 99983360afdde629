package io.quarkiverse.authgateway.deployment.forward;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;

/**
 * An {@code https} upstream whose certificate the JVM does not trust: reached with the trust store of a Quarkus TLS
 * registry configuration ({@code tls-configuration-name}), refused (502) without it.
 */
class TlsForwardingTest {

    static final String PASSWORD = "upstream-secret";
    static final Path KEYSTORE = keystore();
    static final TestUpstream SECURE = new TestUpstream("secure", TestUpstream.port("tls-secure"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = ForwardingApplication.application("""
            quarkus.tls.upstream.trust-store.p12.path=%s
            quarkus.tls.upstream.trust-store.p12.password=%s
            quarkus.auth-gateway.upstream.trusted.url=https://localhost:%d
            quarkus.auth-gateway.upstream.trusted.tls-configuration-name=upstream
            quarkus.auth-gateway.upstream.trusted.identity=headers
            quarkus.auth-gateway.upstream.untrusted.url=https://localhost:%d
            quarkus.auth-gateway.route.trusted.paths=/trusted/*
            quarkus.auth-gateway.route.trusted.policy=authenticated
            quarkus.auth-gateway.route.trusted.upstream=trusted
            quarkus.auth-gateway.route.untrusted.paths=/untrusted/*
            quarkus.auth-gateway.route.untrusted.policy=authenticated
            quarkus.auth-gateway.route.untrusted.upstream=untrusted
            """.formatted(KEYSTORE, PASSWORD, SECURE.port, SECURE.port), TestUpstream.class, TestUpstream.Received.class);

    /** A self-signed certificate for localhost, made once per test run by the JDK's keytool; the same in every class loader. */
    private static Path keystore() {
        String property = "auth-gateway.test.upstream.keystore";
        String known = System.getProperty(property);
        if (known != null) {
            return Path.of(known);
        }
        try {
            Path directory = Files.createTempDirectory("upstream-tls");
            Path keystore = directory.resolve("upstream.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "upstream", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).redirectOutput(directory.resolve("keytool.log").toFile()).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: see " + directory.resolve("keytool.log"));
            }
            System.setProperty(property, keystore.toString());
            return keystore;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTlsRegistrysTrustStoreIsUsed() {
        SECURE.start(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(KEYSTORE.toString()).setPassword(PASSWORD)));
        given().auth().preemptive().basic("alice", "alice-secret").get("/trusted/x").then().statusCode(200);
        assertEquals("alice", SECURE.last().headers().get("X-Auth-Subject"));
        assertEquals("/trusted/x", SECURE.last().uri());

        int before = SECURE.received.size();
        given().auth().preemptive().basic("alice", "alice-secret").get("/untrusted/x").then().statusCode(502);
        assertEquals(before, SECURE.received.size(), "no request to an upstream whose certificate is not trusted");
    }
}
