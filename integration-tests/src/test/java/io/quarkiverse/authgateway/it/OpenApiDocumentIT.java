package io.quarkiverse.authgateway.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class OpenApiDocumentIT extends OpenApiDocumentTest {
}
