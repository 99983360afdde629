package io.quarkiverse.authgateway.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkiverse.authgateway.runtime.policy.RoutePolicy;
import io.quarkiverse.authgateway.runtime.policy.RouteTable;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * The machine-readable report of the compiled policy table: one entry per REST endpoint and per route binding, with
 * the policy and schemes that govern it and where that came from. Written to
 * {@code target/auth-gateway/policy-report.json} at every build.
 */
final class PolicyReport {

    /** Where an entry's policy came from when no binding or annotation covers it. */
    static final String DEFAULT_SOURCE = "default-policy";

    /**
     * @param endpoint {@code Class#method}, or {@code null} for a route binding
     * @param method the HTTP method, or {@code *}
     * @param path the path template or pattern
     * @param policy the governing policy
     * @param access what the policy demands
     * @param schemes the accepted schemes
     * @param source the annotation, the route property or {@value #DEFAULT_SOURCE}
     */
    record Entry(String endpoint, String method, String path, String policy, String access, List<String> schemes,
            String source, String upstream) {

        /** @return this entry, forwarded to the named upstream */
        Entry forwardedTo(String upstreamName) {
            return new Entry(endpoint, method, path, policy, access, schemes, source, upstreamName);
        }
    }

    /**
     * @param entries every report entry, sorted by path and method
     * @param fellToDefault the endpoints no binding or annotation covers, for the build warning
     */
    record Coverage(List<Entry> entries, List<String> fellToDefault) {
    }

    private PolicyReport() {
    }

    /**
     * Finds the policy that governs each endpoint (and its implicit HEAD) in the compiled table, and lists every
     * route binding of the configuration.
     */
    static Coverage coverage(RouteTable table, List<GatewayEndpointBuildItem> endpoints,
            Collection<DeclaredBinding> bindings, Map<String, PolicyDefinition> policies) {
        List<Entry> entries = new ArrayList<>();
        List<String> fellToDefault = new ArrayList<>();
        for (GatewayEndpointBuildItem endpoint : endpoints) {
            String sample = PathTemplates.samplePath(PathTemplates.toPattern(endpoint.getPathTemplate()));
            RoutePolicy governing = table.find(endpoint.getHttpMethod(), sample);
            String source = endpoint.getSource();
            if (governing == null) {
                governing = table.defaultPolicy();
                source = DEFAULT_SOURCE;
                fellToDefault.add(endpoint.getHttpMethod() + " " + endpoint.getPathTemplate() + " ("
                        + endpoint.getEndpoint() + ")");
            } else if (source == null) {
                source = "route binding";
            }
            entries.add(entry(endpoint.getEndpoint(), endpoint.getHttpMethod(), endpoint.getPathTemplate(),
                    governing.definition(), source));
            if ("GET".equals(endpoint.getHttpMethod())
                    && !HeadFollowsGet.hasEndpoint(endpoints, "HEAD", endpoint.getPathTemplate())) {
                RoutePolicy head = table.find("HEAD", sample);
                entries.add(entry(endpoint.getEndpoint(), "HEAD", endpoint.getPathTemplate(),
                        head == null ? governing.definition() : head.definition(),
                        DEFAULT_SOURCE.equals(source) ? source : source + HeadFollowsGet.MARK));
            }
        }
        for (DeclaredBinding binding : bindings) {
            if (binding.property() != null) {
                RouteBinding route = binding.binding();
                entries.add(entry(null, route.getMethod() == null ? "*" : route.getMethod(), route.getPath(),
                        policies.get(route.getPolicy()), binding.source()));
            }
        }
        entries.sort(Comparator.comparing(Entry::path).thenComparing(Entry::method));
        return new Coverage(List.copyOf(entries), List.copyOf(fellToDefault));
    }

    /**
     * The report entries of Quarkus' own endpoints ({@code /q/*}: health, metrics, OpenAPI, Dev UI, ...), each with the
     * policy the compiled table gives it; those on the management interface, which the gateway does not govern, are
     * listed with the policy {@code management-interface}.
     */
    static List<Entry> quarkusEndpoints(CompiledPolicyTableBuildItem compiled, List<RouteBuildItem> routes,
            boolean managementInterface) {
        RouteTable table = new RouteTable(compiled.getPolicies(), compiled.getBindings(), compiled.getDefaultPolicy(),
                schemes -> List.of());
        java.util.TreeMap<String, Entry> byPath = new java.util.TreeMap<>();
        for (RouteBuildItem route : routes) {
            String path = route.getAbsolutePath();
            if (!route.isRouterFramework() || path == null || byPath.containsKey(path)) {
                continue;
            }
            if (managementInterface && route.isManagement()) {
                byPath.put(path, new Entry("Quarkus", "*", path, "management-interface", "not governed", List.of(),
                        "management interface (quarkus.management.*)", null));
                continue;
            }
            // a Vert.x wildcard glued to a name (/q/swagger-ui*) serves what a binding of /q/swagger-ui/* governs
            String sample = PathTemplates.samplePath(PathTemplates.toPattern(path.replaceAll("(?<=[^/])\\*$", "/x")
                    .replace("*", "x")));
            RoutePolicy governing = table.find("GET", sample);
            String source = governing == null ? DEFAULT_SOURCE : "route binding";
            PolicyDefinition policy = governing == null ? table.defaultPolicy().definition() : governing.definition();
            byPath.put(path, entry("Quarkus", "GET", path, policy, source));
        }
        return List.copyOf(byPath.values());
    }

    private static Entry entry(String endpoint, String method, String path, PolicyDefinition policy, String source) {
        List<String> schemes = policy.getSchemes().stream().map(Scheme::configName).toList();
        return new Entry(endpoint, method, path, policy.getName(), policy.getAccess().name().toLowerCase(Locale.ROOT),
                schemes, source, null);
    }

    static void write(Path file, String defaultPolicy, List<Entry> entries) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"defaultPolicy\": ").append(quote(defaultPolicy))
                .append(",\n  \"entries\": [");
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("    {")
                    .append("\"endpoint\": ").append(quote(entry.endpoint()))
                    .append(", \"method\": ").append(quote(entry.method()))
                    .append(", \"path\": ").append(quote(entry.path()))
                    .append(", \"policy\": ").append(quote(entry.policy()))
                    .append(", \"access\": ").append(quote(entry.access()))
                    .append(", \"schemes\": [");
            for (int j = 0; j < entry.schemes().size(); j++) {
                json.append(j == 0 ? "" : ", ").append(quote(entry.schemes().get(j)));
            }
            json.append("], \"source\": ").append(quote(entry.source()))
                    .append(", \"fellToDefault\": ").append(DEFAULT_SOURCE.equals(entry.source()));
            if (entry.upstream() != null) {
                json.append(", \"upstream\": ").append(quote(entry.upstream()));
            }
            json.append('}');
        }
        json.append("\n  ]\n}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
