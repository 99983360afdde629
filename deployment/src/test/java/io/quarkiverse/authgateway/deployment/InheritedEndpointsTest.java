package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.deployment.TestResources.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Endpoints that Quarkus REST registers from an interface or a base class are endpoints of the gateway too: their
 * annotations bind policies (nearest first), and those left unbound are named in the build warning.
 */
class InheritedEndpointsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, CatalogApi.class, CatalogResource.class, StatusBase.class,
                            StatusResource.class, Crud.class, Notes.class, RemoteApi.class)
                    .addAsResource(new StringAsset(TestResources.USERS), "application.properties"))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(InheritedEndpointsTest::warnsOfTheUnboundInheritedEndpoint);

    @Path("/catalog")
    public interface CatalogApi {

        @GET
        String list();

        @GET
        @Path("{id}")
        @PublicRoute
        String item(@PathParam("id") String id);
    }

    /** Annotated class implementing a {@code @Path} interface: a resource, not a misplaced annotation. */
    @GatewayPolicy("admin")
    public static class CatalogResource implements CatalogApi {

        @Override
        public String list() {
            return "catalog";
        }

        @Override
        public String item(String id) {
            return "item " + id;
        }
    }

    public abstract static class StatusBase {

        @GET
        @Path("ping")
        @PublicRoute
        public String ping() {
            return "pong";
        }

        @GET
        @Path("details")
        public String details() {
            return "details";
        }

        @GET
        @Path("unbound")
        public String unbound() {
            return "unbound";
        }
    }

    @Path("/status")
    public static class StatusResource extends StatusBase {

        @Override
        @GatewayPolicy("authenticated")
        public String details() {
            return "details here";
        }
    }

    @Path("/notes")
    public interface Crud<T> {

        @GET
        @Path("{id}")
        String read(@PathParam("id") T id);
    }

    /** The override of a generic interface method is found through the type variable. */
    public static class Notes implements Crud<String> {

        @Override
        @GatewayPolicy("admin")
        public String read(String id) {
            return "note " + id;
        }
    }

    /** A REST client API that no resource implements: its annotations bind nothing, and the build accepts them. */
    @Path("/remote")
    @GatewayPolicy("admin")
    public interface RemoteApi {

        @GET
        @PublicRoute
        String get();
    }

    @Test
    void theOverrideOfAGenericInterfaceMethodBindsItsPolicy() {
        given().auth().preemptive().basic("bob", "bob-secret").get("/notes/1").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/notes/1")));
        given().auth().preemptive().basic("alice", "alice-secret").get("/notes/1").then().statusCode(200)
                .body(equalTo("note 1"));
    }

    @Test
    void theImplementingClassAnnotationGovernsTheInterfaceEndpoints() {
        given().get("/catalog").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .header("Cache-Control", is("no-store")).contentType("application/problem+json")
                .body(equalTo(problem("missing_credentials", "/catalog")));
        given().auth().preemptive().basic("bob", "bob-secret").get("/catalog").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/catalog")));
        given().auth().preemptive().basic("alice", "alice-secret").get("/catalog").then().statusCode(200)
                .body(equalTo("catalog"));
    }

    @Test
    void anInterfaceMethodAnnotationWinsOverTheClassAnnotation() {
        given().get("/catalog/7").then().statusCode(200).body(equalTo("item 7"));
    }

    @Test
    void inheritedMethodsKeepTheirAnnotationsAndOverridesTheirOwn() {
        given().get("/status/ping").then().statusCode(200).body(equalTo("pong"));
        given().get("/status/details").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
        given().auth().preemptive().basic("bob", "bob-secret").get("/status/details").then().statusCode(200)
                .body(equalTo("details here"));
    }

    @Test
    void anUnboundInheritedMethodFallsToTheDefaultPolicy() {
        given().auth().preemptive().basic("alice", "alice-secret").get("/status/unbound").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/status/unbound")));
    }

    private static void warnsOfTheUnboundInheritedEndpoint(List<LogRecord> records) {
        String warning = records.stream().map(InheritedEndpointsTest::render)
                .filter(message -> message.contains("fall to the default policy")).findFirst()
                .orElseThrow(() -> new AssertionError("no fell-to-default warning"));
        Assertions.assertTrue(warning.contains("1 endpoint(s) are covered by no route binding"), warning);
        Assertions.assertTrue(warning.contains("GET /status/unbound (" + StatusResource.class.getName() + "#unbound)"),
                warning);
    }

    private static String render(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters);
    }
}
