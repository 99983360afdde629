package io.quarkiverse.authgateway.deployment;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkus.resteasy.reactive.server.deployment.ResteasyReactiveResourceMethodEntriesBuildItem;

/**
 * Turns the resource methods that Quarkus REST registered into gateway endpoints, each with the policy its
 * annotations bind, and reports annotations that govern no endpoint. Quarkus REST has already resolved resources
 * declared on an interface and methods inherited from a base class; the annotations are looked up along the same
 * hierarchy, nearest first: the implementing method, the method that carries the JAX-RS annotations, the resource
 * class, the type that declares the method, then the resource class's other superclasses.
 */
final class EndpointScanner {

    static final DotName GATEWAY_POLICY = DotName.createSimple(GatewayPolicy.class.getName());
    static final DotName PUBLIC_ROUTE = DotName.createSimple(PublicRoute.class.getName());
    private static final DotName OBJECT = DotName.createSimple(Object.class.getName());
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    /** {@code ACC_BRIDGE} of the class file format. */
    private static final int BRIDGE = 0x0040;

    private final IndexView index;
    private final List<String> errors;
    private final Set<String> endpointMethods = new LinkedHashSet<>();
    private final Set<DotName> resourceTypes = new LinkedHashSet<>();

    EndpointScanner(IndexView index, List<String> errors) {
        this.index = index;
        this.errors = errors;
    }

    /**
     * @param entries the resource methods Quarkus REST registered
     * @param basePath the HTTP root path joined with the REST deployment path ({@code quarkus.rest.path} and
     *        {@code @ApplicationPath})
     * @return every endpoint, with the policy its annotations bind; sub-resource locators are not endpoints
     */
    List<GatewayEndpointBuildItem> scan(List<ResteasyReactiveResourceMethodEntriesBuildItem.Entry> entries,
            String basePath) {
        Map<String, GatewayEndpointBuildItem> endpoints = new LinkedHashMap<>();
        for (ResteasyReactiveResourceMethodEntriesBuildItem.Entry entry : entries) {
            String classPath = entry.getBasicResourceClassInfo().getPath();
            String httpMethod = entry.getResourceMethod().getHttpMethod();
            if (classPath == null || httpMethod == null) {
                continue;
            }
            ClassInfo resource = entry.getActualClassInfo();
            MethodInfo declared = entry.getMethodInfo();
            MethodInfo implementing = implementing(resource, declared);
            List<AnnotationTarget> lookup = new ArrayList<>();
            lookup.add(implementing);
            lookup.add(declared);
            lookup.add(resource);
            lookup.add(declared.declaringClass());
            for (ClassInfo type = superclass(resource); type != null && !OBJECT.equals(type.name()); type = superclass(type)) {
                lookup.add(type);
            }
            remember(lookup);

            String method = httpMethod.toUpperCase(Locale.ROOT);
            String path = entry.getResourceMethod().getPath();
            String template = PathTemplates.join(basePath, classPath, path == null ? "" : path);
            String endpoint = resource.name() + "#" + declared.name();
            String[] binding = binding(lookup);
            // overloads on one path stay apart: the compiler reports them if they bind different policies
            endpoints.putIfAbsent(method + " " + template + " " + key(declared), new GatewayEndpointBuildItem(endpoint, method,
                    template, binding == null ? null : binding[0], binding == null ? null : binding[1]));
        }
        checkAnnotationTargets(GATEWAY_POLICY, "@GatewayPolicy");
        checkAnnotationTargets(PUBLIC_ROUTE, "@PublicRoute");
        return List.copyOf(endpoints.values());
    }

    /**
     * @return the most specific method of the resource's class hierarchy that overrides {@code declared} (a type
     *         variable of a generic interface matches any parameter type; bridge methods are skipped), or
     *         {@code declared} itself
     */
    private MethodInfo implementing(ClassInfo resource, MethodInfo declared) {
        for (ClassInfo type = resource; type != null
                && !type.name().equals(declared.declaringClass().name()); type = superclass(type)) {
            for (MethodInfo candidate : type.methods()) {
                if (overrides(candidate, declared)) {
                    return candidate;
                }
            }
        }
        return declared;
    }

    private static boolean overrides(MethodInfo candidate, MethodInfo declared) {
        if (!candidate.name().equals(declared.name()) || candidate.parametersCount() != declared.parametersCount()
                || (candidate.flags() & (BRIDGE | Modifier.STATIC)) != 0) {
            return false;
        }
        for (int i = 0; i < declared.parametersCount(); i++) {
            Type parameter = declared.parameterType(i);
            if (!isTypeVariable(parameter) && !parameter.name().equals(candidate.parameterType(i).name())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTypeVariable(Type type) {
        return type.kind() == Type.Kind.TYPE_VARIABLE || type.kind() == Type.Kind.UNRESOLVED_TYPE_VARIABLE
                || type.kind() == Type.Kind.TYPE_VARIABLE_REFERENCE;
    }

    private ClassInfo superclass(ClassInfo type) {
        return type.superName() == null ? null : index.getClassByName(type.superName());
    }

    private void remember(List<AnnotationTarget> lookup) {
        for (AnnotationTarget target : lookup) {
            if (target.kind() == AnnotationTarget.Kind.METHOD) {
                endpointMethods.add(key(target.asMethod()));
            } else {
                resourceTypes.add(target.asClass().name());
            }
        }
    }

    private void checkAnnotationTargets(DotName annotation, String simpleName) {
        for (AnnotationInstance instance : index.getAnnotations(annotation)) {
            AnnotationTarget target = instance.target();
            if (target.kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo method = target.asMethod();
                if ((method.flags() & BRIDGE) != 0) {
                    continue; // javac copies the annotations of an override to its bridge method
                }
                if (!endpointMethods.contains(key(method)) && !isClientApi(method.declaringClass())) {
                    errors.add(simpleName + " on " + name(method) + ", which is not a REST endpoint (it needs @GET, "
                            + "@POST, ... and a @Path class): move the annotation to a resource method, or bind the "
                            + "path with quarkus.auth-gateway.route.<name>.paths");
                }
                if (annotation.equals(GATEWAY_POLICY) && method.hasDeclaredAnnotation(PUBLIC_ROUTE)) {
                    errors.add("@GatewayPolicy and @PublicRoute both on " + name(method) + ": keep one of them");
                }
            } else if (target.kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo type = target.asClass();
                boolean hasPath = type.hasDeclaredAnnotation(PATH);
                if (isClientApi(type)) {
                    continue;
                }
                if (!resourceTypes.contains(type.name()) && hasPath) {
                    errors.add(simpleName + " on " + type.name() + ", which serves no endpoint of its own (sub-resource "
                            + "locators are not covered by annotations): bind the paths it serves with "
                            + "quarkus.auth-gateway.route.<name>.paths");
                } else if (!resourceTypes.contains(type.name()) && !hasPath) {
                    errors.add(simpleName + " on " + type.name() + ", which is not a REST resource (no @Path): move "
                            + "the annotation to a resource class or method, or bind the path with "
                            + "quarkus.auth-gateway.route.<name>.paths");
                }
                if (annotation.equals(GATEWAY_POLICY) && type.hasDeclaredAnnotation(PUBLIC_ROUTE)) {
                    errors.add("@GatewayPolicy and @PublicRoute both on " + type.name() + ": keep one of them");
                }
            }
        }
    }

    /**
     * @return the policy name and a description of the nearest annotation, or {@code null}
     */
    private static String[] binding(List<AnnotationTarget> lookup) {
        for (AnnotationTarget target : lookup) {
            boolean method = target.kind() == AnnotationTarget.Kind.METHOD;
            AnnotationInstance policy = method
                    ? target.asMethod().declaredAnnotation(GATEWAY_POLICY)
                    : target.asClass().declaredAnnotation(GATEWAY_POLICY);
            String where = method ? name(target.asMethod()) : target.asClass().name().toString();
            if (policy != null) {
                return new String[]{ policy.value().asString(),
                        "@GatewayPolicy(\"" + policy.value().asString() + "\") on " + where };
            }
            boolean publicRoute = method
                    ? target.asMethod().hasDeclaredAnnotation(PUBLIC_ROUTE)
                    : target.asClass().hasDeclaredAnnotation(PUBLIC_ROUTE);
            if (publicRoute) {
                return new String[]{ PolicyDefinition.PERMIT, "@PublicRoute on " + where };
            }
        }
        return null;
    }

    /**
     * @return whether the type is a {@code @Path} interface that no resource implements: a REST client API, whose
     *         annotations bind nothing
     */
    private boolean isClientApi(ClassInfo type) {
        return type.isInterface() && type.hasDeclaredAnnotation(PATH) && !resourceTypes.contains(type.name());
    }

    private static String key(MethodInfo method) {
        return method.declaringClass().name() + "#" + method.name() + method.parameterTypes();
    }

    static String name(MethodInfo method) {
        return method.declaringClass().name() + "#" + method.name();
    }
}
