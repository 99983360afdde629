package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code require-explicit-policy} sees the endpoints that a class inherits from a {@code @Path} interface and from a
 * base class, and names them by the implementing class.
 */
class InheritedEndpointsRequireExplicitPolicyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Api.class, Implementation.class, Base.class, Derived.class))
            .overrideConfigKey("quarkus.auth-gateway.require-explicit-policy", "true")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "GET /api (" + Implementation.class.getName() + "#get) is covered by no route binding",
                    "GET /derived/inherited (" + Derived.class.getName() + "#inherited) is covered by no route binding",
                    "@GatewayPolicy or @PublicRoute"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/api")
    public interface Api {

        @GET
        String get();
    }

    public static class Implementation implements Api {

        @Override
        public String get() {
            return "api";
        }
    }

    public abstract static class Base {

        @GET
        @Path("inherited")
        public String inherited() {
            return "inherited";
        }
    }

    @Path("/derived")
    public static class Derived extends Base {
    }
}
