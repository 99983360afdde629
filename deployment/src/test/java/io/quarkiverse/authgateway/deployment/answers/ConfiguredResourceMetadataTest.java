package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A configured resource identifier (a service behind a proxy, under a path) wins over the request's {@code Host}: the
 * challenges link its metadata URL (RFC 9728 section 3.1, the well-known path inserted before the resource's path),
 * which the service answers, and a forged {@code Host} changes nothing.
 */
class ConfiguredResourceMetadataTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.resource-metadata.enabled=true
            quarkus.auth-gateway.resource-metadata.resource=https://api.example.com/orders/
            quarkus.auth-gateway.resource-metadata.authorization-servers=https://login.example.com/realms/shop
            quarkus.auth-gateway.resource-metadata.resource-name=Orders API
            quarkus.auth-gateway.resource-metadata.resource-documentation=https://docs.example.com/orders
            """, ConfiguredResourceMetadataTest.class);

    static final String DOCUMENT = "{\"resource\":\"https://api.example.com/orders\",\"authorization_servers\":"
            + "[\"https://login.example.com/realms/shop\"],\"scopes_supported\":[\"orders:write\"],"
            + "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"Orders API\","
            + "\"resource_documentation\":\"https://docs.example.com/orders\"}";

    @Test
    void theConfiguredResourceIsTheIdentifier() {
        given().get("/.well-known/oauth-protected-resource").then().statusCode(200).body(equalTo(DOCUMENT));
        given().get("/.well-known/oauth-protected-resource/orders").then().statusCode(200).body(equalTo(DOCUMENT));
        given().header("Host", "evil.example").get("/.well-known/oauth-protected-resource").then().statusCode(200)
                .body(equalTo(DOCUMENT));
    }

    @Test
    void challengesLinkTheConfiguredMetadataUrl() {
        assertEquals(List.of("Bearer realm=\"test\", resource_metadata=\"https://api.example.com/.well-known/"
                + "oauth-protected-resource/orders\""),
                given().header("Host", "evil.example").get("/rest/scoped").then().statusCode(401).extract().headers()
                        .getValues("WWW-Authenticate"));
    }
}
