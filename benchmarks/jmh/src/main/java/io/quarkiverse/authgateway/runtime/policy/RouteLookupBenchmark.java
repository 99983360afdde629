package io.quarkiverse.authgateway.runtime.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.quarkiverse.authgateway.runtime.challenge.Challenges;

/**
 * The policy lookup of every request: {@link RouteTable#lookup(String, String)}, Quarkus' {@code ImmutablePathMatcher}
 * applied to the canonical path, then the binding's method. {@code RouteTable.resolve} does this once per request,
 * after {@link RequestPaths#canonicalPath}; neither that nor keeping the result on the request is measured here.
 * <p>
 * The table is built with its real constructor, as {@code AuthGatewayRecorder.installRouteTable} builds it: the
 * built-in policies ({@code permit}, {@code deny}, {@code authenticated}) and two role policies, all accepting
 * Bearer and Basic, default policy {@code deny}, the challenge lines of {@link Challenges#withoutError}. It has 10,
 * 1,000 or 10,000 bindings: for each service {@code N}, the prefix {@code /api/service-N/*} (any method) and the exact
 * path {@code /api/service-N/items} (GET only), half of the bindings each.
 * <ul>
 * <li>{@code prefixMatch}: {@code GET /api/service-M/items/42}, with {@code M} the middle service: the longest prefix
 * wins.</li>
 * <li>{@code exactMatch}: {@code GET /api/service-M/items}, the exact binding.</li>
 * <li>{@code prefixMatchEvery}: {@code GET /api/service-N/items/42} for every service in turn: the mean over the
 * table. Quarkus' {@code ImmutableSubstringMap} finds prefixes in an open-addressing table indexed by the low bits of
 * the prefix's {@code String.hashCode}-style hash (not spread), with linear probing, so the cost of one prefix depends on how long the run of occupied slots
 * before it is; sequentially numbered prefixes cluster, and a single path can be much cheaper or dearer than the
 * mean.</li>
 * <li>{@code noMatch}: {@code GET /api/service-x/items/42}, which shares the {@code /api/} start of every binding and
 * matches none: the default policy. Its probe runs until an empty slot.</li>
 * </ul>
 * The paths are the same {@code String} instances at every call, so the exact-path map finds their hash cached; the
 * canonical path of a request is a new {@code String}, hashed once there (about 25 characters here).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteLookupBenchmark {

    @Param({ "10", "1000", "10000" })
    public int routes;

    private RouteTable table;
    private String prefixPath;
    private String exactPath;
    private String unmatchedPath;
    private String[] everyPrefixPath;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<Scheme> schemes = List.of(Scheme.BEARER, Scheme.BASIC);
        List<PolicyDefinition> definitions = List.of(
                PolicyDefinition.of(PolicyDefinition.PERMIT, Access.PERMIT, schemes, List.of(), null),
                PolicyDefinition.of(PolicyDefinition.DENY, Access.DENY, schemes, List.of(), null),
                PolicyDefinition.of(PolicyDefinition.AUTHENTICATED, Access.AUTHENTICATED, schemes, List.of(), null),
                PolicyDefinition.of("readers", Access.ROLES, schemes, List.of("users"), null),
                PolicyDefinition.of("writers", Access.ROLES, schemes, List.of("orders-admins"), null));
        List<RouteBinding> bindings = new ArrayList<>(routes);
        int services = routes / 2;
        for (int i = 0; i < services; i++) {
            bindings.add(new RouteBinding("/api/service-" + i + "/*", null, "readers"));
            bindings.add(new RouteBinding("/api/service-" + i + "/items", "GET", "writers"));
        }
        table = new RouteTable(definitions, bindings, PolicyDefinition.DENY,
                Challenges.forRealm("quarkus")::withoutError);

        int middle = services / 2;
        prefixPath = "/api/service-" + middle + "/items/42";
        exactPath = "/api/service-" + middle + "/items";
        unmatchedPath = "/api/service-x/items/42";
        everyPrefixPath = new String[services];
        for (int i = 0; i < services; i++) {
            everyPrefixPath[i] = "/api/service-" + i + "/items/42";
            check(table.lookup("GET", everyPrefixPath[i]), "readers", everyPrefixPath[i]);
        }
        check(prefixMatch(), "readers", prefixPath);
        check(exactMatch(), "writers", exactPath);
        check(noMatch(), PolicyDefinition.DENY, unmatchedPath);
    }

    @Benchmark
    public RoutePolicy prefixMatch() {
        return table.lookup("GET", prefixPath);
    }

    @Benchmark
    public RoutePolicy exactMatch() {
        return table.lookup("GET", exactPath);
    }

    @Benchmark
    public RoutePolicy prefixMatchEvery() {
        int i = next;
        next = i + 1 == everyPrefixPath.length ? 0 : i + 1;
        return table.lookup("GET", everyPrefixPath[i]);
    }

    @Benchmark
    public RoutePolicy noMatch() {
        return table.lookup("GET", unmatchedPath);
    }

    private static void check(RoutePolicy policy, String expected, String path) {
        if (!policy.name().equals(expected)) {
            throw new IllegalStateException(path + " resolves to policy '" + policy.name() + "', not '" + expected + "'");
        }
    }
}
