package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;

/**
 * Finds the REST endpoints of the application and the policy their annotations bind, and reports annotations that
 * are misplaced. Jandex is scanned once; a method annotation wins over its class annotation.
 */
final class EndpointScanner {

    static final DotName GATEWAY_POLICY = DotName.createSimple(GatewayPolicy.class.getName());
    static final DotName PUBLIC_ROUTE = DotName.createSimple(PublicRoute.class.getName());
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName APPLICATION_PATH = DotName.createSimple("jakarta.ws.rs.ApplicationPath");
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private final IndexView index;
    private final List<String> errors;

    EndpointScanner(IndexView index, List<String> errors) {
        this.index = index;
        this.errors = errors;
    }

    /**
     * @param basePath the HTTP root path joined with the Quarkus REST path ({@code quarkus.rest.path})
     * @return every endpoint, with the policy its annotations bind
     */
    List<GatewayEndpointBuildItem> scan(String basePath) {
        checkAnnotationTargets(GATEWAY_POLICY, "@GatewayPolicy");
        checkAnnotationTargets(PUBLIC_ROUTE, "@PublicRoute");
        String applicationPath = "";
        for (AnnotationInstance instance : index.getAnnotations(APPLICATION_PATH)) {
            applicationPath = instance.value().asString();
        }
        List<GatewayEndpointBuildItem> endpoints = new ArrayList<>();
        for (AnnotationInstance path : index.getAnnotations(PATH)) {
            if (path.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = path.target().asClass();
            if (resource.isInterface()) {
                continue;
            }
            String classPath = PathTemplates.join(basePath, applicationPath, path.value().asString());
            for (MethodInfo method : resource.methods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                String template = PathTemplates.join(classPath, methodPath == null ? "" : methodPath.value().asString());
                String[] binding = binding(method);
                if (binding == null) {
                    binding = binding(resource);
                }
                endpoints.add(new GatewayEndpointBuildItem(name(method), httpMethod,
                        template, binding == null ? null : binding[0],
                        binding == null ? null : binding[1]));
            }
        }
        return endpoints;
    }

    private void checkAnnotationTargets(DotName annotation, String simpleName) {
        for (AnnotationInstance instance : index.getAnnotations(annotation)) {
            AnnotationTarget target = instance.target();
            if (target.kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo method = target.asMethod();
                if (httpMethod(method) == null || method.declaringClass().declaredAnnotation(PATH) == null) {
                    errors.add(simpleName + " on " + name(method) + ", which is not a REST endpoint (it needs @GET, "
                            + "@POST, ... and a @Path class): move the annotation to a resource method, or bind the "
                            + "path with quarkus.auth-gateway.route.<name>.paths");
                }
                if (method.hasDeclaredAnnotation(GATEWAY_POLICY) && method.hasDeclaredAnnotation(PUBLIC_ROUTE)
                        && annotation.equals(GATEWAY_POLICY)) {
                    errors.add("@GatewayPolicy and @PublicRoute both on " + name(method) + ": keep one of them");
                }
            } else if (target.kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo type = target.asClass();
                if (type.declaredAnnotation(PATH) == null) {
                    errors.add(simpleName + " on " + type.name() + ", which is not a REST resource (no @Path): move "
                            + "the annotation to a resource class or method, or bind the path with "
                            + "quarkus.auth-gateway.route.<name>.paths");
                }
                if (type.hasDeclaredAnnotation(GATEWAY_POLICY) && type.hasDeclaredAnnotation(PUBLIC_ROUTE)
                        && annotation.equals(GATEWAY_POLICY)) {
                    errors.add("@GatewayPolicy and @PublicRoute both on " + type.name() + ": keep one of them");
                }
            }
        }
    }

    /**
     * @return the policy name and a description of the annotation, or {@code null}
     */
    private static String[] binding(AnnotationTarget target) {
        AnnotationInstance policy = target.kind() == AnnotationTarget.Kind.METHOD
                ? target.asMethod().declaredAnnotation(GATEWAY_POLICY)
                : target.asClass().declaredAnnotation(GATEWAY_POLICY);
        AnnotationInstance publicRoute = target.kind() == AnnotationTarget.Kind.METHOD
                ? target.asMethod().declaredAnnotation(PUBLIC_ROUTE)
                : target.asClass().declaredAnnotation(PUBLIC_ROUTE);
        String where = target.kind() == AnnotationTarget.Kind.METHOD
                ? name(target.asMethod())
                : target.asClass().name().toString();
        if (policy != null) {
            return new String[]{ policy.value().asString(), "@GatewayPolicy(\"" + policy.value().asString() + "\") on "
                    + where };
        }
        if (publicRoute != null) {
            return new String[]{ PolicyDefinition.PERMIT, "@PublicRoute on " + where };
        }
        return null;
    }

    private static String httpMethod(MethodInfo method) {
        for (String candidate : HTTP_METHODS) {
            if (method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + candidate))) {
                return candidate;
            }
        }
        return null;
    }

    static String name(MethodInfo method) {
        return method.declaringClass().name() + "#" + method.name();
    }
}
