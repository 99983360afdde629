package io.quarkiverse.authgateway.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
            String source) {
    }

    private PolicyReport() {
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
                    .append(", \"fellToDefault\": ").append(DEFAULT_SOURCE.equals(entry.source())).append('}');
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
