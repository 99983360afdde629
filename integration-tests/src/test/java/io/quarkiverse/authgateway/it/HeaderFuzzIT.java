package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A black-box fuzz test of every security-relevant request header against the packaged demo application: more than
 * 10,000 generated requests (generated {@code Authorization} values, near-valid Basic credentials and Bearer tokens,
 * {@code Host} variants, {@code X-Forwarded-*}, {@code Cookie}, duplicated and injected header lines) to the protected
 * demo endpoints, each sent byte for byte over keep-alive sockets by several threads.
 * <p>
 * Every answer is checked against an oracle that reads the request the way the HTTP codec does: no 5xx (but the
 * documented 503 {@code verification_busy} for a well-formed Basic credential that needs a password hash), no 2xx
 * without valid credentials and a 2xx for every valid one, and every refusal a complete answer of
 * challenges.adoc: status and problem body agree (the body with the code's action and the request's path as its
 * instance), {@code Content-Type: application/problem+json}, {@code Cache-Control: no-store}, a code the table
 * documents for that status and for that request, one {@code WWW-Authenticate} line per accepted scheme of the route
 * on a 401 (the Bearer one with {@code error="invalid_token"} for token failures, and last the
 * {@code resource_metadata} URL under the request's {@code Host}), {@code Retry-After} on 429 and 503, nothing that looks like a stack
 * trace, a class name or the credentials. The only answers without a problem body are the documented ones of the HTTP
 * layer: 431 for a head above {@code max-header-size}, and the codec's empty 400 for a head it cannot parse (a control
 * character, a line without a colon); the oracle allows them only for requests that have such a head.
 * <p>
 * The generator is deterministic: {@code -Dfuzz.seed=N} replays a run (tokens carry the current time, so token bytes
 * differ from run to run; their mutations do not), {@code -Dfuzz.requests=N} changes the count and
 * {@code -Dfuzz.only=i,j} sends only the planned requests of those indexes. A failure prints the seed, the index, the
 * request exactly as sent (escaped) and the answer.
 */
@QuarkusIntegrationTest
@TestProfile(HeaderFuzzIT.FuzzProfile.class)
class HeaderFuzzIT {

    /**
     * The demo application plus two users that the generator only ever sends valid credentials for (so that the
     * brute-force throttle never slows them and the valid share must succeed): {@code carol} has alice's hash and roles,
     * {@code dave} bob's. The per-address throttle is raised: every one of these requests comes from 127.0.0.1, and its
     * default (slowed from the 51st consecutive failure, a success does not reset it) would turn nearly all Basic
     * traffic of the run into 429. The per-user throttle keeps its defaults and is exercised (alice, bob and repeated
     * guessed names). A profile of its own also gives the test a fresh application, whose throttle and caches no other
     * test shares.
     */
    public static class FuzzProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Properties demo = new Properties();
            try (InputStream in = HeaderFuzzIT.class.getClassLoader().getResourceAsStream("application.properties")) {
                demo.load(in);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the demo's application.properties is not on the class path", e);
            }
            Map<String, String> overrides = new HashMap<>();
            overrides.put("quarkus.auth-gateway.basic.throttle.address-free-failures", "1000000");
            overrides.put("quarkus.auth-gateway.basic.users.carol.password-hash",
                    demo.getProperty("quarkus.auth-gateway.basic.users.alice.password-hash"));
            overrides.put("quarkus.auth-gateway.basic.users.carol.roles", "admin,user");
            overrides.put("quarkus.auth-gateway.basic.users.dave.password-hash",
                    demo.getProperty("quarkus.auth-gateway.basic.users.bob.password-hash"));
            overrides.put("quarkus.auth-gateway.basic.users.dave.roles", "user");
            return overrides;
        }
    }

    private static final long SEED = Long.decode(System.getProperty("fuzz.seed", "0x5eedfa11"));
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 12_000);
    private static final int THREADS = Integer.getInteger("fuzz.threads", 6);
    private static final String ONLY = System.getProperty("fuzz.only", "");
    /** The throttle's default {@code free-failures}: a user name is slowed from its fifth consecutive failure on. */
    private static final int FREE_FAILURES = 4;
    /** Well below the server's 20 KiB {@code max-header-size}: heads longer than this may get the HTTP layer's 431. */
    private static final int MAY_BE_TOO_LARGE = 16 * 1024;
    private static final int MAX_REPORTED = 25;

    @TestHTTPResource("/")
    URL base;

    // ---------------------------------------------------------------------------------------------------------------
    // What the demo is: routes, identities, documented answers
    // ---------------------------------------------------------------------------------------------------------------

    /** The protected demo endpoints, with the schemes their policy accepts in the order the challenges are sent. */
    enum Route {

        ME("/api/me", true, true),
        ADMIN_ONLY("/api/me/admin-only", true, true),
        WHOAMI("/status/whoami", true, true),
        ORDERS("/api/orders", true, false),
        ADMIN_STATS("/api/admin/stats", false, true),
        ADMIN_USER("/api/admin/users/", false, true),
        METRICS("/q/metrics", false, true);

        final String path;
        final boolean bearer;
        final boolean basic;

        Route(String path, boolean bearer, boolean basic) {
            this.path = path;
            this.bearer = bearer;
            this.basic = basic;
        }

        boolean needsAdmin() {
            return this == ADMIN_ONLY || this == ADMIN_STATS || this == ADMIN_USER || this == METRICS;
        }
    }

    /** A caller whose credentials are valid. */
    record Identity(String name, boolean bearer, Set<String> roles, Set<String> scopes) {
    }

    static final Identity CAROL = new Identity("carol", false, Set.of("admin", "user"), Set.of());
    static final Identity DAVE = new Identity("dave", false, Set.of("user"), Set.of());
    static final Map<String, Identity> VALID_PAIRS = Map.of("carol:alice-secret", CAROL, "dave:bob-secret", DAVE);

    /** The documented codes (challenges.adoc) with their problem: status, action and constant detail. */
    static final Map<String, Answers.Problem> CODES = new LinkedHashMap<>();

    static {
        code("missing_credentials", 401, "Authentication is required to access this resource.");
        code("scheme_not_accepted", 401,
                "This resource does not accept the authentication scheme that was sent; WWW-Authenticate lists the accepted schemes.");
        code("malformed_credentials", 401, "The Authorization header is not well-formed for its scheme.");
        code("invalid_credentials", 401, "The user name or password is not correct.");
        code("invalid_token", 401, "The access token is invalid.");
        code("token_expired", 401, "The access token expired.");
        code("token_not_yet_valid", 401, "The access token is not yet valid.");
        code("revoked", 401, "The credentials were revoked.");
        code("malformed_request", 400,
                "The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI.");
        code("invalid_host", 400, "The Host header is missing, repeated or not a valid host and port.");
        code("insufficient_scope", 403, "The access token does not grant the scope this resource requires.");
        code("forbidden", 403, "The authenticated caller is not allowed to access this resource.");
        code("insufficient_user_authentication", 401,
                "The resource requires a stronger or more recent authentication.");
        code("too_many_failures", 429,
                "Too many failed sign-ins for this user or from this address; retry after the delay in Retry-After.");
        code("verification_busy", 503, "Password checks are at capacity right now; retry after the delay in Retry-After.");
        code("revocation_store_unavailable", 503,
                "The credentials cannot be checked right now; retry after the delay in Retry-After.");
        code("internal_error", 500, "The request could not be processed; the server log has the details.");
    }

    private static void code(String code, int status, String detail) {
        CODES.put(code, Answers.problem(status, code, detail));
    }

    static final Set<String> TOKEN_ERRORS = Set.of("invalid_token", "token_expired", "token_not_yet_valid", "revoked");
    static final String SUCCESS = "2xx";

    /**
     * Everything the gateway writes of its own to a request sent with that authority: a 'credential' found in there is
     * not an echo.
     */
    private static final Map<String, String> CONSTANT_TEXT = new ConcurrentHashMap<>();

    static String constantText(String authority) {
        return CONSTANT_TEXT.computeIfAbsent(authority == null ? "" : authority, key -> {
            StringBuilder text = new StringBuilder();
            for (String code : CODES.keySet()) {
                for (Route route : Route.values()) {
                    text.append(String.join("\n", challenges(route, code, authority))).append('\n');
                }
                text.append(problemBody(code, "")).append('\n');
            }
            return text.toString();
        });
    }

    /**
     * @param instance the request path, as sent, without the query
     * @return the complete problem body of a refusal with that code
     */
    static String problemBody(String code, String instance) {
        return CODES.get(code).body(instance);
    }

    /**
     * The WWW-Authenticate lines challenges.adoc prescribes for a refusal with this code on this route, for a request
     * sent with that authority: the Bearer line ends with the demo's {@code resource_metadata} under it.
     */
    static List<String> challenges(Route route, String code, String authority) {
        Answers.Problem problem = CODES.get(code);
        List<Answers.Challenge> challenges = new ArrayList<>();
        if (problem.status() == 401) {
            if (route.bearer) {
                challenges.add(TOKEN_ERRORS.contains(code)
                        ? Answers.bearerError("invalid_token", problem)
                        : Answers.BEARER_CHALLENGE);
            }
            if (route.basic) {
                challenges.add(Answers.BASIC_CHALLENGE);
            }
        } else if (code.equals("malformed_request") && route.bearer) {
            challenges.add(Answers.INVALID_REQUEST_CHALLENGE);
        } else if (code.equals("insufficient_scope")) {
            challenges.add(Answers.ORDERS_SCOPE_CHALLENGE);
        }
        if (authority == null) {
            // no Host: the answer is invalid_host, without challenges; nothing to complete
            return challenges.isEmpty() ? List.of() : List.of("(a challenge for a request without a Host)");
        }
        return Answers.lines(authority, challenges.toArray(Answers.Challenge[]::new));
    }

    /**
     * @return the authority of the request's one {@code Host} value, as the server reads it (and so names it in the
     *         {@code resource_metadata} URL), empty when it names no host, or {@code null} when there is not exactly one
     */
    static String authority(Head head) {
        List<String> hosts = head.values("host");
        if (hosts.size() != 1) {
            return null;
        }
        String host = hosts.get(0);
        if (host.isEmpty() || host.startsWith(":")) {
            return ""; // no host name: the server names no resource_metadata URL
        }
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon && host.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            // the server names the port as a number ("localhost:08081" is port 8081), and leaves out an empty or zero
            // port ("localhost:"): the scheme's default (RFC 3986 section 6.2.3)
            String digits = host.substring(colon + 1).replaceFirst("^0+", "");
            return digits.isEmpty() ? host.substring(0, colon) : host.substring(0, colon + 1) + digits;
        }
        return host;
    }

    /** What a valid identity gets on a route: a code, or {@link #SUCCESS} with the endpoint's body. */
    record Outcome(String code, String body) {
    }

    static Outcome admit(Route route, Identity identity, String target) {
        if (identity.bearer() ? !route.bearer : !route.basic) {
            return new Outcome("scheme_not_accepted", null);
        }
        if (route == Route.ORDERS && !identity.scopes().contains("orders:read")) {
            return new Outcome("insufficient_scope", null);
        }
        if (route.needsAdmin() && !identity.roles().contains("admin")) {
            return new Outcome("forbidden", null);
        }
        String name = identity.name();
        String body = switch (route) {
            case ME -> name + " " + new TreeSet<>(identity.roles());
            case ADMIN_ONLY -> "hello admin " + name;
            case WHOAMI -> "status " + name;
            case ORDERS -> "orders of " + name;
            case ADMIN_STATS -> AdminResource.SECRET;
            case ADMIN_USER -> AdminResource.SECRET + " / user "
                    + target.replaceFirst("\\?.*", "").substring(Route.ADMIN_USER.path.length());
            case METRICS -> null;
        };
        return new Outcome(SUCCESS, body);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tokens of the demo issuer (and of attackers)
    // ---------------------------------------------------------------------------------------------------------------

    /** Signed tokens: the authentic ones with their identity, and the extra codes a token with a given payload may get. */
    static final class Tokens {

        final Map<String, Identity> authentic = new LinkedHashMap<>();
        final List<String> all = new ArrayList<>();
        final Map<String, Set<String>> extraCodesByPayload = new HashMap<>();
        /** A token without jti that the test revokes (by its value) before the run: never valid again. */
        final String revoked;

        Tokens() {
            authentic(DemoTokens.claims(), "dora", Set.of("user"), Set.of("orders:read"));
            JwtClaims erin = DemoTokens.claims();
            erin.setSubject("erin");
            erin.setStringListClaim("groups", "admin", "user");
            erin.setClaim("scope", "profile orders:read");
            authentic(erin, "erin", Set.of("admin", "user"), Set.of("profile", "orders:read"));
            JwtClaims nora = DemoTokens.claims();
            nora.setSubject("nora");
            nora.setClaim("scope", "profile");
            authentic(nora, "nora", Set.of("user"), Set.of("profile"));
            JwtClaims hugo = DemoTokens.claims();
            hugo.setSubject("hugo");
            hugo.setClaim("note", "x".repeat(5000)); // a large but acceptable token (the limit is 8192 characters)
            authentic(hugo, "hugo", Set.of("user"), Set.of("orders:read"));

            JwtClaims rita = DemoTokens.claims();
            rita.setSubject("rita");
            revoked = DemoTokens.sign(rita, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
            all.add(revoked);
            extraCodesByPayload.computeIfAbsent(revoked.split("\\.")[1], ignored -> new LinkedHashSet<>()).add("revoked");

            JwtClaims expired = DemoTokens.claims();
            expired.setExpirationTime(DemoTokens.secondsFromNow(-120));
            signed(expired, "token_expired");
            JwtClaims notYet = DemoTokens.claims();
            notYet.setNotBefore(DemoTokens.secondsFromNow(600));
            signed(notYet, "token_not_yet_valid");
            JwtClaims issuedLater = DemoTokens.claims();
            issuedLater.setIssuedAt(DemoTokens.secondsFromNow(600));
            signed(issuedLater, "token_not_yet_valid");
            JwtClaims audience = DemoTokens.claims();
            audience.setAudience("another-api");
            signed(audience, null);
            JwtClaims issuer = DemoTokens.claims();
            issuer.setIssuer("https://evil.test");
            signed(issuer, null);
            JwtClaims bidi = DemoTokens.claims();
            bidi.setSubject("dora\u202etxt.exe");
            signed(bidi, null);
            JwtClaims lineBreak = DemoTokens.claims();
            lineBreak.setSubject("dora\nINFO forged log line");
            signed(lineBreak, null);
            JwtClaims noExpiry = DemoTokens.claims();
            noExpiry.unsetClaim("exp");
            signed(noExpiry, null);
            all.add(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY,
                    Map.of("kid", "unknown-key")));
            all.add(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.ATTACKER_KEY,
                    Map.of()));
            all.add(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.HMAC_SHA256,
                    new HmacKey(DemoTokens.resource("keys/demo-issuer-public.pem").getBytes(StandardCharsets.US_ASCII)),
                    Map.of()));
            all.add(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY,
                    Map.of("crit", List.of("exp-policy"), "exp-policy", "lenient")));
            all.add(DemoTokens.sign(DemoTokens.valid(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY,
                    Map.of("cty", "JWT")));
            String payload = part(DemoTokens.claims().toJson());
            all.add(part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
            all.add(part("{\"alg\":\"none\"}") + "." + payload + "." + part("x"));
            all.add(part("{\"alg\":\"None\"}") + "." + payload + "." + signature(valid()));
            all.add(part("{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}") + "." + payload + "."
                    + signature(valid()));
        }

        private void authentic(JwtClaims claims, String name, Set<String> roles, Set<String> scopes) {
            String token = DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
            authentic.put(token, new Identity(name, true, roles, scopes));
            all.add(token);
        }

        private void signed(JwtClaims claims, String extraCode) {
            String token = DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
            all.add(token);
            if (extraCode != null) {
                extraCodesByPayload.computeIfAbsent(token.split("\\.")[1], ignored -> new LinkedHashSet<>()).add(extraCode);
            }
        }

        String valid() {
            return authentic.keySet().iterator().next();
        }

        Identity identity(String token) {
            return authentic.get(token);
        }

        /**
         * A token that differs from an authentic one only in the unused bits of the signature's last base64url
         * character: the same signed bytes, so a verifier may accept it or not.
         */
        Identity equivalent(String token) {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3 || !parts[2].matches("[A-Za-z0-9_-]+")) {
                return null;
            }
            for (Map.Entry<String, Identity> entry : authentic.entrySet()) {
                String[] original = entry.getKey().split("\\.");
                if (original[0].equals(parts[0]) && original[1].equals(parts[1])) {
                    try {
                        if (Arrays.equals(Base64.getUrlDecoder().decode(original[2]),
                                Base64.getUrlDecoder().decode(parts[2]))) {
                            return entry.getValue();
                        }
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
            return null;
        }

        static String part(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        static String signature(String token) {
            return token.substring(token.lastIndexOf('.') + 1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The oracle: the request as the HTTP codec reads it, and the answers it may get
    // ---------------------------------------------------------------------------------------------------------------

    /** One planned request: the request head exactly as sent (each char one byte, ISO-8859-1). */
    record Planned(int index, String category, Route route, String target, String head) {
    }

    /**
     * @param allowed the codes the answer may carry ({@link #SUCCESS} for a 2xx)
     * @param body the body a 2xx must have, or {@code null} when any
     * @param codecBad whether the head has a line the HTTP codec refuses (it may then answer 400 without a body)
     * @param oversized whether the head is long enough for the HTTP layer's 431
     * @param secrets credential strings that must not come back in any header
     * @param closes whether the request asks for the connection to be closed
     */
    record Expectation(Set<String> allowed, String body, boolean codecBad, boolean oversized, List<String> secrets,
            boolean closes) {

        boolean mustSucceed() {
            return allowed.equals(Set.of(SUCCESS));
        }
    }

    /** The header fields of a head, read the way Netty's decoder reads them: LF ends a line, obs-fold is joined. */
    static final class Head {

        final List<String[]> fields = new ArrayList<>();
        boolean codecBad;

        Head(String head) {
            // the codec requires CRLF: a bare LF (RFC 9112 section 2.2 lets a server refuse it) is refused with 400
            for (int i = head.indexOf('\n'); i >= 0; i = head.indexOf('\n', i + 1)) {
                codecBad |= i == 0 || head.charAt(i - 1) != '\r';
            }
            String[] lines = head.substring(0, head.length() - 4).split("\n", -1);
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
                for (int k = 0; k < line.length(); k++) {
                    char c = line.charAt(k);
                    if ((c < 0x20 && c != '\t') || c == 0x7f) {
                        codecBad = true;
                    }
                }
                if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                    if (fields.isEmpty()) {
                        codecBad = true;
                    } else {
                        String[] last = fields.get(fields.size() - 1);
                        last[1] = trim(last[1] + " " + trim(line));
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    codecBad = true;
                    continue;
                }
                fields.add(new String[]{ line.substring(0, colon).toLowerCase(Locale.ROOT), trim(line.substring(colon + 1)) });
            }
        }

        List<String> values(String name) {
            List<String> values = new ArrayList<>();
            for (String[] field : fields) {
                if (field[0].equals(name)) {
                    values.add(field[1]);
                }
            }
            return values;
        }

        /** Optional whitespace goes (RFC 9110 section 5.5); Netty also trims other whitespace at the ends. */
        static String trim(String value) {
            int start = 0;
            int end = value.length();
            while (start < end && (value.charAt(start) == ' ' || Character.isWhitespace(value.charAt(start)))) {
                start++;
            }
            while (end > start && (value.charAt(end - 1) == ' ' || Character.isWhitespace(value.charAt(end - 1)))) {
                end--;
            }
            return value.substring(start, end);
        }
    }

    /** Host values the router must accept: an answer {@code invalid_host} to them is wrong. */
    private Set<String> sureHosts() {
        int port = base.getPort();
        return Set.of("localhost:" + port, "127.0.0.1:" + port, "LOCALHOST:" + port, "localhost", "127.0.0.1",
                "example.com", "evil.test:8080");
    }

    /** The Basic credentials as RFC 7617 and the gateway's parser read them, or {@code null} when malformed. */
    static String[] decodeBasic(String value) {
        int start = 5;
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        if (start == 5 || start == value.length()) {
            return null;
        }
        String token = value.substring(start);
        if (token.length() > 4096 || !token.matches("[A-Za-z0-9+/]*={0,2}")) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(token);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            int colon = text.indexOf(':');
            return colon < 0 ? null : new String[]{ text.substring(0, colon), text.substring(colon + 1) };
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    static String schemeToken(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }

    /** The Basic credentials this request presents to the identity provider, or {@code null}. */
    static String[] presentedBasic(Planned planned, Head head) {
        List<String> auths = head.values("authorization");
        if (head.values("host").size() != 1 || auths.size() != 1 || !planned.route().basic
                || !schemeToken(auths.get(0)).equalsIgnoreCase("basic")) {
            return null;
        }
        return decodeBasic(auths.get(0));
    }

    Expectation expect(Planned planned, Tokens tokens, Map<String, Integer> attempts) {
        Head head = new Head(planned.head());
        Route route = planned.route();
        boolean oversized = planned.head().length() > MAY_BE_TOO_LARGE;
        List<String> secrets = new ArrayList<>();
        List<String> connection = head.values("connection");
        boolean closes = connection.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("close"));
        List<String> hosts = head.values("host");
        if (hosts.size() != 1) {
            return new Expectation(Set.of("invalid_host"), null, head.codecBad, oversized, secrets, closes);
        }
        Set<String> allowed = new LinkedHashSet<>();
        if (!sureHosts().contains(hosts.get(0))) {
            allowed.add("invalid_host");
        }
        String query = planned.target().contains("?") ? planned.target().substring(planned.target().indexOf('?')) : "";
        if (route.bearer && (query.contains("access_token") || query.contains("access%5Ftoken"))) {
            allowed.add("malformed_request");
            return new Expectation(allowed, null, head.codecBad, oversized, secrets, closes);
        }
        String body = null;
        List<String> auths = head.values("authorization");
        if (auths.isEmpty()) {
            allowed.add("missing_credentials");
        } else if (auths.size() > 1) {
            allowed.add("malformed_request");
        } else if (auths.get(0).isEmpty()) {
            allowed.add("malformed_credentials");
        } else {
            String value = auths.get(0);
            String scheme = schemeToken(value);
            if (value.length() > scheme.length() + 12) {
                secrets.add(value.substring(scheme.length()).trim());
            }
            if (scheme.equalsIgnoreCase("basic") && route.basic) {
                String[] pair = decodeBasic(value);
                Identity identity = pair == null ? null : VALID_PAIRS.get(pair[0] + ":" + pair[1]);
                if (identity != null) {
                    Outcome outcome = admit(route, identity, planned.target());
                    allowed.add(outcome.code());
                    body = outcome.body();
                } else {
                    allowed.add("malformed_credentials");
                    allowed.add("invalid_credentials");
                    if (pair != null) {
                        allowed.add("verification_busy"); // a password hash is needed: may find every slot taken
                        if (attempts.getOrDefault(pair[0], 0) > FREE_FAILURES) {
                            allowed.add("too_many_failures");
                        }
                    }
                }
            } else if (scheme.equalsIgnoreCase("bearer") && route.bearer) {
                String token = value.substring(6).replaceFirst("^ +", "");
                Identity identity = tokens.identity(token);
                if (token.equals(tokens.revoked)) {
                    allowed.add("revoked");
                } else if (identity != null) {
                    Outcome outcome = admit(route, identity, planned.target());
                    allowed.add(outcome.code());
                    body = outcome.body();
                } else {
                    allowed.add("invalid_token");
                    Identity equivalent = tokens.equivalent(token);
                    if (equivalent != null) {
                        Outcome outcome = admit(route, equivalent, planned.target());
                        allowed.add(outcome.code());
                        body = outcome.body();
                    }
                    String[] parts = token.split("\\.");
                    if (parts.length > 1) {
                        allowed.addAll(tokens.extraCodesByPayload.getOrDefault(parts[1], Set.of()));
                    }
                }
            } else {
                allowed.add("scheme_not_accepted");
            }
        }
        return new Expectation(allowed, body, head.codecBad, oversized, secrets, closes);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The generator
    // ---------------------------------------------------------------------------------------------------------------

    final class Generator {

        private final Random random;
        private final Tokens tokens;
        private final String host;
        private final List<Identity> bearerIdentities;
        private final List<String> authenticTokens;

        Generator(long seed, Tokens tokens) {
            this.random = new Random(seed);
            this.tokens = tokens;
            this.host = "localhost:" + base.getPort();
            this.authenticTokens = new ArrayList<>(tokens.authentic.keySet());
            this.bearerIdentities = new ArrayList<>(tokens.authentic.values());
        }

        /** What the last near-valid generator did, for the failure report. */
        private String note = "";

        Planned next(int index) {
            note = "";
            int dice = random.nextInt(100);
            if (dice < 9) {
                return valid(index);
            }
            Route route = route();
            String target = target(route);
            List<String> lines = new ArrayList<>();
            String category;
            if (dice < 12) {
                category = "missing";
            } else if (dice < 22) {
                category = "random-bytes";
                lines.add(authorizationName() + ":" + randomValue());
            } else if (dice < 31) {
                category = "scheme-variant";
                lines.add("Authorization: " + schemeVariant());
            } else if (dice < 58) {
                category = "near-basic";
                lines.add(authorizationName() + ":" + ows() + nearBasic());
            } else if (dice < 85) {
                category = "near-bearer";
                lines.add(authorizationName() + ":" + ows() + nearBearer());
            } else if (dice < 91) {
                category = "duplicate-authorization";
                int count = 2 + (random.nextInt(5) == 0 ? 1 : 0);
                for (int i = 0; i < count; i++) {
                    lines.add(authorizationName() + ": " + anyCredentials());
                }
            } else if (dice < 95) {
                category = "injection";
                lines.addAll(injection());
            } else {
                category = "credentials-elsewhere";
                lines.add(elsewhere());
            }
            List<String> head = new ArrayList<>(hostLines(false));
            head.addAll(extras(false));
            for (String line : lines) {
                head.add(random.nextInt(head.size() + 1), line);
            }
            return planned(index, note.isEmpty() ? category : category + "/" + note, route, target, head);
        }

        private Planned valid(int index) {
            boolean basic = random.nextInt(3) == 0;
            Identity identity = basic
                    ? (random.nextBoolean() ? CAROL : DAVE)
                    : bearerIdentities.get(random.nextInt(bearerIdentities.size()));
            List<Route> admitted = new ArrayList<>();
            for (Route route : Route.values()) {
                if (route != Route.METRICS && admit(route, identity, route.path + "1").code().equals(SUCCESS)) {
                    admitted.add(route);
                }
            }
            Route route = admitted.get(random.nextInt(admitted.size()));
            String target = target(route).replaceFirst("\\?.*", "");
            String credentials;
            if (basic) {
                credentials = b64((identity == CAROL ? "carol:alice-secret" : "dave:bob-secret"));
            } else {
                credentials = authenticTokens.get(bearerIdentities.indexOf(identity));
            }
            String scheme = basic ? "Basic" : "Bearer";
            if (random.nextInt(4) == 0) {
                scheme = randomCase(scheme);
            }
            String separator = random.nextInt(5) == 0 ? " ".repeat(2 + random.nextInt(3)) : " ";
            String name = random.nextInt(5) == 0 ? pick("authorization", "AUTHORIZATION", "aUtHoRiZaTiOn") : "Authorization";
            String lead = random.nextInt(5) == 0 ? pick("", "\t", "  ", " \t ") : " ";
            String trail = random.nextInt(6) == 0 ? pick(" ", "\t", " \t") : "";
            List<String> head = new ArrayList<>();
            head.add("Host: " + (random.nextInt(4) == 0 ? "127.0.0.1:" + base.getPort() : host));
            head.addAll(extras(true));
            String line = random.nextInt(25) == 0
                    ? name + ":" + lead + scheme + "\r\n " + credentials + trail
                    : name + ":" + lead + scheme + separator + credentials + trail;
            head.add(random.nextInt(head.size() + 1), line);
            return planned(index, "valid-" + identity.name(), route, target, head);
        }

        private Planned planned(int index, String category, Route route, String target, List<String> lines) {
            StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
            for (String line : lines) {
                head.append(line).append("\r\n");
            }
            return new Planned(index, category, route, target, head.append("\r\n").toString());
        }

        private Route route() {
            int dice = random.nextInt(100);
            if (dice < 25) {
                return Route.ME;
            } else if (dice < 35) {
                return Route.ADMIN_ONLY;
            } else if (dice < 50) {
                return Route.WHOAMI;
            } else if (dice < 72) {
                return Route.ORDERS;
            } else if (dice < 87) {
                return Route.ADMIN_STATS;
            } else if (dice < 95) {
                return Route.ADMIN_USER;
            }
            return Route.METRICS;
        }

        private String target(Route route) {
            String target = route == Route.ADMIN_USER ? route.path + alphanumeric(1 + random.nextInt(8)) : route.path;
            if (random.nextInt(40) == 0) {
                target += pick("?access_token=" + tokens.valid(), "?access%5Ftoken=x", "?x=1",
                        "?user=carol&password=alice-secret", "?authorization=Basic%20Y2Fyb2w6YWxpY2Utc2VjcmV0");
            }
            return target;
        }

        private String authorizationName() {
            return random.nextInt(8) == 0 ? pick("authorization", "AUTHORIZATION", "AuthoriZation") : "Authorization";
        }

        private String ows() {
            return random.nextInt(8) == 0 ? pick("", "\t", "   ", " \t") : " ";
        }

        // ----- random values -----

        private String randomValue() {
            StringBuilder value = new StringBuilder(random.nextBoolean() ? " " : "");
            if (random.nextInt(4) == 0) {
                value.append(pick("Basic ", "Bearer ", "basic", "Bearer", "Digest ", "Negotiate "));
            }
            int length = random.nextInt(10) == 0 ? 100 + random.nextInt(6000) : random.nextInt(48);
            int pool = random.nextInt(5);
            for (int i = 0; i < length; i++) {
                value.append(randomChar(pool));
            }
            return value.toString();
        }

        /** A wire character (one byte) of a pool: 0 printable, 1 high bytes, 2 controls, 3 UTF-8 of odd characters, 4 all. */
        private String randomChar(int pool) {
            int kind = pool == 4 ? random.nextInt(4) : pool;
            if (kind == 2 && random.nextInt(3) != 0) {
                kind = 0; // a few controls are enough to reach the codec; most values should reach the gateway
            }
            switch (kind) {
                case 0 :
                    return String.valueOf((char) (0x20 + random.nextInt(0x5f)));
                case 1 :
                    return String.valueOf((char) (0x80 + random.nextInt(0x80)));
                case 2 : {
                    char c = (char) random.nextInt(0x20);
                    if (c == '\n') {
                        c = '\r';
                    }
                    return String.valueOf(random.nextInt(8) == 0 ? (char) 0x7f : c);
                }
                default :
                    return wire(pick("\u00e9", "\u00ff", "\u0085", "\u00a0", "\u200b", "\u200e", "\u202e", "\u2028",
                            "\u2029", "\u2066", "\ufeff", "\ufffd", "\uff22", "\u0430", "\ud83d\ude00", "\u0000",
                            "\u01c4", "\u0130", "\u212a", "e\u0301"));
            }
        }

        private String schemeVariant() {
            String scheme = pick("Basic", "Bearer", "basic", "BEARER", "bAsIc", "bearer", "Digest", "Negotiate", "NTLM",
                    "Token", "JWT", "OAuth", "MAC", "HOBA", "Mutual", "AWS4-HMAC-SHA256", "DPoP", "Bearer:", "Basic:",
                    "Bearer=", "Basic,", "Basicc", "Bas", "Bear", "Bearerr", "B", "Basic\u00a0", "Ba\u00efsic",
                    wire("\uff22asic"), wire("B\u0430sic"), "Basic/1.0", "\"Basic\"", "Basic\\", "Bearer;", "*", "");
            String separator = pick("", " ", "  ", "\t", " \t", "\u00a0", ",", "=", ": ");
            String credentials = pick(b64("carol:alice-secret"), b64("dave:bob-secret"), tokens.valid(),
                    b64(alphanumeric(6) + ":" + alphanumeric(8)), alphanumeric(20), "", "realm=\"demo\"",
                    "username=\"carol\", response=\"x\"", b64("alice:" + wrongPassword("alice-secret")));
            return scheme + separator + credentials + (random.nextInt(6) == 0 ? pick(" ", ",", " x") : "");
        }

        // ----- near-valid Basic -----

        /** A user name and password that are never a valid pair of carol or dave. */
        private String[] basePair() {
            int dice = random.nextInt(100);
            String user;
            String password;
            if (dice < 18) {
                user = "alice";
                password = wrongPassword("alice-secret");
            } else if (dice < 30) {
                user = "bob";
                password = wrongPassword("bob-secret");
            } else if (dice < 70) {
                user = randomUser();
                password = random.nextBoolean() ? alphanumeric(random.nextInt(16)) : wrongPassword("alice-secret");
            } else if (dice < 85) {
                user = pick("Alice", "ALICE", "alice ", " alice", "alic", "alicee", "al ice", "alice@demo", "demo\\alice",
                        "carol ", "Carol", "CAROL", " dave", "dave\u00a0", "d\u0430ve", "car\u200bol", "carol\u0000",
                        "dave\n", "\u202ecarol", "carol\u2028", "\ud800carol", "caro\u0301l", "bob\u0085");
                password = pick("alice-secret", "bob-secret", wrongPassword("alice-secret"));
            } else {
                // a valid pair: only ever sent with a mutation that makes it malformed (checked by the planner)
                user = random.nextBoolean() ? "carol" : "dave";
                password = user.equals("carol") ? "alice-secret" : "bob-secret";
            }
            return new String[]{ user, password };
        }

        private String wrongPassword(String right) {
            switch (random.nextInt(9)) {
                case 0 :
                    return right + pick("!", " ", "\u0000", "1");
                case 1 :
                    return right.toUpperCase(Locale.ROOT);
                case 2 :
                    return right.substring(0, random.nextInt(right.length()));
                case 3 :
                    return "";
                case 4 :
                    return " " + right;
                case 5 :
                    return right.replace('-', '_');
                case 6 :
                    return right.equals("alice-secret") ? "bob-secret" : "alice-secret";
                case 7 :
                    return right + ":" + right;
                default :
                    return alphanumeric(1 + random.nextInt(30));
            }
        }

        private String randomUser() {
            int dice = random.nextInt(10);
            if (dice < 6) {
                return alphanumeric(1 + random.nextInt(12)).toLowerCase(Locale.ROOT);
            } else if (dice < 8) {
                // a small set of guessed names: these come back often enough to be throttled
                return pick("admin", "root", "test", "user", "guest", "administrator");
            }
            return pick("j\u00f6rg", "\u00e9lodie", "\u674e\u96f7", "\u0645\u062d\u0645\u062f", "\ud83d\ude00", "x".repeat(200),
                    "\u0130stanbul", "\u212aelvin", "");
        }

        private String nearBasic() {
            String[] pair = basePair();
            String user = pair[0];
            String password = pair[1];
            String canonical = b64(user + ":" + password);
            String scheme = random.nextInt(5) == 0 ? randomCase("Basic") : "Basic";
            String separator = random.nextInt(8) == 0 ? pick("  ", "   ", "") : " ";
            String credentials;
            switch (random.nextInt(26)) {
                case 0 :
                case 1 :
                case 2 :
                    credentials = canonical;
                    break;
                case 3 :
                    credentials = b64(user + password);
                    break;
                case 4 :
                    credentials = b64(pick(":" + password, user + ":", ":", "::", ""));
                    break;
                case 5 :
                    credentials = b64(user + ":" + password + ":" + alphanumeric(4));
                    break;
                case 6 :
                    credentials = canonical.replace("=", "");
                    break;
                case 7 :
                    credentials = canonical + "=".repeat(1 + random.nextInt(5));
                    break;
                case 8 :
                    credentials = insert(canonical, "=");
                    break;
                case 9 :
                    credentials = Base64.getUrlEncoder().encodeToString((user + ":" + password + "\u00ff?>")
                            .getBytes(StandardCharsets.UTF_8));
                    break;
                case 10 :
                    credentials = insert(canonical, pick("-", "_", ".", "*", "~", "!", "$", "%", "&", ",", ";", "\"", "'",
                            "(", ")", "<", ">", "[", "]", "{", "}", "|", "^", "`", "#", "@", " ", "\t"));
                    break;
                case 11 :
                    credentials = b64(hugeUser(user) + ":" + password);
                    break;
                case 12 :
                    credentials = boundary(user, password);
                    break;
                case 13 :
                    credentials = Base64.getEncoder().encodeToString(invalidUtf8(user, password));
                    break;
                case 14 :
                    credentials = b64(insert(user, controlChar()) + ":" + password);
                    break;
                case 15 :
                    credentials = b64(user + ":" + insert(password, controlChar()));
                    break;
                case 16 :
                    credentials = b64(pick("\u202e", "\u2028", "\u2029", "\u2066", "\u200f", "\u061c", "\u200e")
                            + user + ":" + password);
                    break;
                case 17 :
                    credentials = canonical + pick(" " + canonical, ",", ";", " x", "  extra", "\tx", ", Bearer x");
                    break;
                case 18 :
                    credentials = b64(canonical);
                    break;
                case 19 :
                    credentials = pick("\"" + canonical + "\"", "<" + canonical + ">", "'" + canonical + "'",
                            "credentials=" + canonical, canonical + "%00", wire(user + ":" + password));
                    break;
                case 20 :
                    credentials = canonical.substring(0, random.nextInt(canonical.length() + 1));
                    break;
                case 21 :
                    credentials = flipChar(canonical, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
                    break;
                case 22 :
                    credentials = Base64.getMimeEncoder().encodeToString(
                            (user + ":" + password + "-" + "m".repeat(80)).getBytes(StandardCharsets.UTF_8))
                            .replace("\r\n", pick("\r\n ", "\r\n\t", " "));
                    break;
                case 23 :
                    credentials = random.nextInt(6) == 0
                            ? "Q".repeat(21_000 + random.nextInt(4000))
                            : "QUFB".repeat(1 + random.nextInt(3500));
                    break;
                case 24 :
                    scheme = pick("Basic", "Basic ", "basic  ", "BASIC\t", "Basic=");
                    separator = "";
                    credentials = "";
                    break;
                default :
                    credentials = b64(wire(user) + ":" + password); // a UTF-8 name encoded twice
                    break;
            }
            return scheme + separator + credentials + (random.nextInt(10) == 0 ? pick(" ", "\t", "  ") : "");
        }

        private String hugeUser(String user) {
            return user + "u".repeat(random.nextBoolean() ? 2900 + random.nextInt(200) : 100 + random.nextInt(2800));
        }

        /** Credentials whose base64 is right at the parser's 4096-character limit. */
        private String boundary(String user, String password) {
            int target = 4092 + 4 * random.nextInt(3); // 4092, 4096 or 4100 characters
            int bytes = target / 4 * 3;
            String pad = "p".repeat(Math.max(0, bytes - (user + ":" + password).getBytes(StandardCharsets.UTF_8).length));
            return b64(user + pad + ":" + password);
        }

        private byte[] invalidUtf8(String user, String password) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] prefix = pick(new byte[]{ (byte) 0xc0, (byte) 0xba }, new byte[]{ (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
                    new byte[]{ (byte) 0xe2, (byte) 0x80 }, new byte[]{ (byte) 0xff }, new byte[]{ (byte) 0xf8, (byte) 0x88 },
                    "b\u00f6b".getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(prefix);
            out.writeBytes(user.getBytes(StandardCharsets.UTF_8));
            out.write(':');
            out.writeBytes(password.getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }

        private String controlChar() {
            return pick("\u0000", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009f", "\u0008");
        }

        // ----- near-valid Bearer -----

        private String nearBearer() {
            boolean revoked = random.nextInt(12) == 0;
            String token = revoked ? tokens.revoked : tokens.all.get(random.nextInt(tokens.all.size()));
            if (token.equals(tokens.revoked)) {
                note = "revoked-token";
            }
            String scheme = random.nextInt(5) == 0 ? randomCase("Bearer") : "Bearer";
            String separator = random.nextInt(8) == 0 ? pick("  ", "   ", "") : " ";
            String mutated;
            String[] parts = token.split("\\.", -1);
            switch (random.nextInt(22)) {
                case 0 :
                case 1 :
                case 2 :
                    mutated = token;
                    break;
                case 3 :
                case 4 :
                    mutated = flipChar(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
                    break;
                case 5 :
                    mutated = insertAt(token, pick("+", "/", "=", "~", " ", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*",
                            ",", ";", "<", ">", "?", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "\t", ".", ".."));
                    break;
                case 6 : {
                    int which = random.nextInt(parts.length);
                    byte[] decoded = decodeLenient(parts[which]);
                    if (decoded.length > 0) {
                        decoded[random.nextInt(decoded.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    parts[which] = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded);
                    mutated = String.join(".", parts);
                    break;
                }
                case 7 :
                    mutated = pick(parts[1] + "." + parts[0] + "." + parts[2], parts[0] + "." + parts[2] + "." + parts[1],
                            parts[2] + "." + parts[1] + "." + parts[0], parts[0] + "." + parts[1],
                            parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2],
                            parts[0] + "." + parts[1] + "." + parts[2] + ".." + parts[2],
                            parts[0] + ".." + parts[2], "." + parts[1] + "." + parts[2], parts[0] + "." + parts[0] + "."
                                    + parts[2]);
                    break;
                case 8 :
                    mutated = token.substring(0, random.nextInt(token.length()));
                    break;
                case 9 :
                    mutated = token + pick("=", "==", ".", "x", "AAAA", "." + parts[2]);
                    break;
                case 10 :
                    mutated = Tokens.part(pick("{\"alg\":\"none\"}", "{\"alg\":\"NONE\"}", "{\"alg\":\"nOnE\",\"typ\":\"JWT\"}",
                            "{\"alg\":\"HS256\"}", "{\"alg\":\"RS512\"}", "{\"alg\":\"ES256\"}", "{\"alg\":\"\"}",
                            "{\"alg\":null}", "{\"alg\":123}", "{}", "{\"alg\":\"RS256\",\"kid\":\"' OR '1'='1\"}",
                            "{\"alg\":\"RS256\",\"jku\":\"http://127.0.0.1:1/jwks\"}", "{\"alg\":\"RS256\",\"crit\":[\"x\"]}",
                            "{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}", "not json", "[]",
                            "{\"alg\":\"RS256\",\"alg\":\"none\"}")) + "." + parts[1] + "."
                            + (random.nextBoolean() ? parts[parts.length - 1] : "");
                    break;
                case 11 :
                    mutated = parts[0] + "." + "A".repeat(8100 + random.nextInt(200)) + "." + parts[parts.length - 1];
                    break;
                case 12 :
                    mutated = parts[0] + "." + "A".repeat(random.nextInt(8) == 0 ? 21_000 : 9000 + random.nextInt(6000)) + "."
                            + parts[parts.length - 1];
                    break;
                case 13 :
                    mutated = pick(token + " " + token, insert(token, " "), insert(token, "\t"), token + ",", token + ";",
                            "Bearer " + token, "\"" + token + "\"", "<" + token + ">", "token=" + token,
                            "access_token=" + token, token + "\u00a0");
                    break;
                case 14 :
                    mutated = token.replace('-', '+').replace('_', '/') + pick("", "=", "==");
                    break;
                case 15 :
                    mutated = pick("{\"alg\":\"none\"}.{\"sub\":\"dora\",\"scope\":\"orders:read\"}.",
                            "eyJhbGciOiJub25lIn0.e30.", ".", "..", "...", "a.b.c", "e30.e30.e30", "a.b.c.d.e",
                            part5(parts), "null", "undefined", "0", "true", "[]", "{}");
                    break;
                case 16 :
                    mutated = insertAt(token, wire(pick("\u0430", "\u0435", "\u043e", "\u0456", "\u00e9", "\u00ff", "\u200b",
                            "\ufeff", "\uff21")));
                    break;
                case 17 : {
                    String other = authenticTokens.get(random.nextInt(authenticTokens.size()));
                    String[] otherParts = other.split("\\.");
                    mutated = pick(otherParts[0] + "." + parts[1] + "." + otherParts[2],
                            parts[0] + "." + otherParts[1] + "." + parts[parts.length - 1]);
                    break;
                }
                case 18 :
                    mutated = insertAt(token, controlChar().replace("\n", "\r"));
                    break;
                case 19 : {
                    // only the unused low bits of the signature's last character differ: the same signature bytes
                    String signature = parts[parts.length - 1];
                    char last = signature.isEmpty() ? 'A' : signature.charAt(signature.length() - 1);
                    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                    int value = alphabet.indexOf(last);
                    char sibling = value < 0 ? 'A' : alphabet.charAt((value & ~0x0f) | random.nextInt(16));
                    mutated = token.substring(0, token.length() - 1) + sibling;
                    note += (note.isEmpty() ? "" : ",") + "same-signature-bytes";
                    break;
                }
                case 20 :
                    mutated = Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.US_ASCII));
                    break;
                default :
                    scheme = pick("Bearer", "Bearer ", "bearer  ", "BEARER\t", "Bearer=", "Bearer:");
                    separator = "";
                    mutated = random.nextBoolean() ? "" : token;
                    break;
            }
            return scheme + separator + mutated + (random.nextInt(10) == 0 ? pick(" ", "\t", "  ") : "");
        }

        private String part5(String[] parts) {
            return parts[0] + "." + parts[1] + "." + parts[parts.length - 1] + ".AAAA.BBBB";
        }

        // ----- other lines -----

        private String anyCredentials() {
            int dice = random.nextInt(6);
            if (dice == 0) {
                return "Basic " + b64(random.nextBoolean() ? "carol:alice-secret" : "dave:bob-secret");
            } else if (dice == 1) {
                return "Bearer " + authenticTokens.get(random.nextInt(authenticTokens.size()));
            } else if (dice == 2) {
                return nearBasic();
            } else if (dice == 3) {
                return nearBearer();
            } else if (dice == 4) {
                return "";
            }
            return schemeVariant();
        }

        /** Header lines that try to smuggle in a second line, or fold the credentials onto a continuation line. */
        private List<String> injection() {
            String first = pick("Basic " + b64("carol:alice-secret"), "Bearer " + tokens.valid(), nearBasic(), nearBearer(),
                    "Basic", "Bearer");
            String second = random.nextBoolean() ? "Basic " + b64("dave:bob-secret") : "Bearer " + tokens.valid();
            String injected = switch (random.nextInt(10)) {
                case 0 -> first + "\nAuthorization: " + second;
                case 1 -> first + "\r\nAuthorization: " + second;
                case 2 -> first + "\nHost: evil.test";
                case 3 -> first + "\r\nX-Injected: 1";
                case 4 -> first + "\rX-Injected: 1";
                case 5 -> first + "\r\n " + pick(b64("carol:alice-secret"), tokens.valid(), "x", "Basic");
                case 6 -> first + "\n\t" + pick(b64("dave:bob-secret"), tokens.valid(), "continuation");
                case 7 -> first + wire("\u0085") + "Authorization: " + second;
                case 8 -> first + "\r\nauthorization: " + second;
                default -> first + "\u0000\r\nAuthorization: " + second;
            };
            return List.of(authorizationName() + ": " + injected);
        }

        /** Credentials anywhere but in Authorization: never a reason to let a request in. */
        private String elsewhere() {
            String basic = "Basic " + b64(random.nextBoolean() ? "carol:alice-secret" : "dave:bob-secret");
            String bearer = "Bearer " + tokens.valid();
            return switch (random.nextInt(12)) {
                case 0 -> "Proxy-Authorization: " + basic;
                case 1 -> "Proxy-Authorization: " + bearer;
                case 2 -> "X-Authorization: " + pick(basic, bearer);
                case 3 -> "Authorisation: " + basic;
                case 4 -> "Authorization2: " + bearer;
                case 5 -> "X-Forwarded-Authorization: " + pick(basic, bearer);
                case 6 -> "X-Auth-Token: " + tokens.valid();
                case 7 -> "X-Forwarded-Access-Token: " + tokens.valid();
                case 8 -> "Cookie: access_token=" + tokens.valid() + "; Authorization=" + basic.replace(' ', '+');
                case 9 -> pick("X-Forwarded-User", "X-Remote-User", "Remote-User", "X-Auth-Request-User",
                        "X-Forwarded-Preferred-Username") + ": " + pick("carol", "alice", "admin");
                case 10 -> "X-Api-Key: " + b64("carol:alice-secret");
                default -> "WWW-Authenticate: " + basic;
            };
        }

        private List<String> hostLines(boolean benign) {
            int port = base.getPort();
            if (benign || random.nextInt(100) >= 15) {
                return List.of(random.nextInt(5) == 0 ? pick("host", "HOST") + ": " + host : "Host: " + host);
            }
            switch (random.nextInt(5)) {
                case 0 :
                    return List.of("Host: " + pick("127.0.0.1:" + port, "LOCALHOST:" + port, "localhost", "example.com",
                            "evil.test:8080", "127.0.0.1"));
                case 1 :
                    return List.of();
                case 2 :
                    return List.of("Host: " + host, pick("Host: " + host, "Host: evil.test", "host: evil.test", "Host:"));
                case 3 :
                    return List.of("Host: " + host, pick(" evil.test", "\tevil.test"));
                default :
                    return List.of("Host: " + pick("", "localhost:99999", "evil.test@localhost:" + port,
                            "localhost:" + port + ":80", "localhost:-1", "localhost:abc", "local host", "localhost:" + port
                                    + "/x",
                            "localhost\\evil", "[::1", "::1", "localhost:", "localhost:65536", "localhost:0",
                            wire("loc\u00e9lhost"), "xn--80ak6aa92e.com", "a".repeat(300), "localhost:" + port + ",evil.test",
                            "localhost#frag", "localhost?x", "[::1]:" + port, "evil.test:443", "localhost:" + port + " x",
                            "%6c%6f%63%61%6c%68%6f%73%74", "localhost:0" + port, "localhost:+" + port));
            }
        }

        /** X-Forwarded-*, Forwarded, cookies and friends; benign ones for the valid share (they must change nothing). */
        private List<String> extras(boolean benign) {
            List<String> lines = new ArrayList<>();
            int count = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String value;
                String name;
                switch (random.nextInt(12)) {
                    case 0 :
                        name = "X-Forwarded-For";
                        value = pick("127.0.0.1", "10.0.0." + random.nextInt(256), "::1", "unknown",
                                "203.0.113.7, 127.0.0.1", "198.51.100." + random.nextInt(256) + ", 10.0.0.1, 10.0.0.2");
                        break;
                    case 1 :
                        name = "X-Forwarded-Host";
                        value = pick("evil.test", "localhost:" + base.getPort(), "evil.test:443", "localhost, evil.test");
                        break;
                    case 2 :
                        name = pick("X-Forwarded-Proto", "X-Forwarded-Scheme", "X-Forwarded-Ssl", "Front-End-Https");
                        value = pick("https", "http", "on", "wss", "https, http");
                        break;
                    case 3 :
                        name = "X-Forwarded-Port";
                        value = pick("443", "65536", "-1", "0", "8080");
                        break;
                    case 4 :
                        name = "X-Forwarded-Prefix";
                        value = pick("/api/public", "/q", "/..", "/api/public/hello/..", "//evil.test");
                        break;
                    case 5 :
                        name = "Forwarded";
                        value = pick("for=203.0.113.7;proto=https;host=evil.test", "for=\"[::1]:80\"", "for=unknown",
                                "by=127.0.0.1;for=127.0.0.1", "for=127.0.0.1, for=10.0.0.1;proto=https");
                        break;
                    case 6 :
                        name = pick("X-Original-URL", "X-Rewrite-URL", "X-Original-URI", "X-Forwarded-Uri",
                                "X-Envoy-Original-Path");
                        value = pick("/api/public/hello", "/q/openapi", "/api/admin/../public/hello", "/q/swagger-ui/");
                        break;
                    case 7 :
                        name = pick("X-Real-IP", "True-Client-IP", "X-Client-IP", "CF-Connecting-IP", "X-Cluster-Client-IP");
                        value = pick("127.0.0.1", "10.0.0.1", "::1", "203.0.113.9");
                        break;
                    case 8 :
                        name = pick("X-HTTP-Method-Override", "X-Method-Override", "X-HTTP-Method");
                        value = pick("POST", "DELETE", "OPTIONS", "HEAD", "PUT");
                        break;
                    case 9 :
                        name = "Cookie";
                        value = pick("JSESSIONID=" + alphanumeric(32), "q_session=" + alphanumeric(40),
                                "quarkus-credential=" + alphanumeric(40), "a=b; c=d; e=f", "access_token=" + tokens.valid(),
                                "session=" + b64("carol:alice-secret"), "=; ;=;", "x=" + "y".repeat(2000));
                        break;
                    case 10 :
                        name = "Connection";
                        value = pick("close", "keep-alive", "Keep-Alive", "close, keep-alive");
                        break;
                    default :
                        name = pick("User-Agent", "X-Request-Id", "Via", "X-Correlation-Id");
                        value = alphanumeric(1 + random.nextInt(30));
                        break;
                }
                if (!benign && random.nextInt(4) == 0) {
                    value = hostileValue();
                }
                if (!benign && random.nextInt(8) == 0) {
                    name = randomCase(name);
                }
                lines.add(name + ": " + value);
            }
            return lines;
        }

        private String hostileValue() {
            switch (random.nextInt(6)) {
                case 0 :
                    return "";
                case 1 :
                    return "x".repeat(1000 + random.nextInt(7000));
                case 2 :
                    return wire("\u202e\u2028\ufeff\u00e9\ud83d\ude00");
                case 3 :
                    return "a" + randomChar(2) + "b";
                case 4 :
                    return String.join(", ", Collections.nCopies(50 + random.nextInt(200), "127.0.0.1"));
                default :
                    return "${jndi:ldap://127.0.0.1:1/a} <script>alert(1)</script> ' OR 1=1 --";
            }
        }

        // ----- helpers -----

        @SafeVarargs
        private <T> T pick(T... values) {
            return values[random.nextInt(values.length)];
        }

        private String randomCase(String value) {
            StringBuilder out = new StringBuilder(value.length());
            for (char c : value.toCharArray()) {
                out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return out.toString();
        }

        private String alphanumeric(int length) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return out.toString();
        }

        private String insert(String value, String inserted) {
            int at = random.nextInt(value.length() + 1);
            return value.substring(0, at) + inserted + value.substring(at);
        }

        /** Inserts somewhere after the first character (a token starting with a space would only be trimmed). */
        private String insertAt(String value, String inserted) {
            int at = 1 + random.nextInt(Math.max(1, value.length()));
            at = Math.min(at, value.length());
            return value.substring(0, at) + inserted + value.substring(at);
        }

        private String flipChar(String value, String alphabet) {
            if (value.isEmpty()) {
                return "A";
            }
            int at = random.nextInt(value.length());
            char replacement;
            do {
                replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            } while (replacement == value.charAt(at));
            return value.substring(0, at) + replacement + value.substring(at + 1);
        }
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 bytes of a text as wire characters (one char per byte). */
    static String wire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static byte[] decodeLenient(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return part.getBytes(StandardCharsets.US_ASCII);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The client: raw keep-alive sockets, any byte in a header
    // ---------------------------------------------------------------------------------------------------------------

    record Answer(int status, List<String[]> headers, String body, boolean close) {

        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    values.add(header[1]);
                }
            }
            return values;
        }

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(status);
            for (String[] header : headers) {
                text.append("\n  ").append(header[0]).append(": ").append(header[1]);
            }
            return text.append("\n  \n  ").append(body.length() > 600 ? body.substring(0, 600) + "..." : body).toString();
        }
    }

    /** The connection closed before any byte of an answer: on a reused keep-alive connection, worth one retry. */
    static final class NothingRead extends IOException {

        NothingRead(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final class Client implements AutoCloseable {

        private final String host;
        private final int port;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;
        int connections;
        int retries;

        Client(String host, int port) {
            this.host = host;
            this.port = port;
        }

        Answer exchange(byte[] request, boolean closes) throws IOException {
            boolean reused = socket != null;
            try {
                return once(request, closes);
            } catch (NothingRead e) {
                close();
                if (!reused) {
                    throw e;
                }
                retries++;
                return once(request, closes);
            }
        }

        private Answer once(byte[] request, boolean closes) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(15_000);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = socket.getOutputStream();
                connections++;
            }
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                throw new NothingRead("writing the request failed: " + e, e);
            }
            Answer answer = read();
            boolean httpLayer = (answer.status() == 400 || answer.status() == 431) && answer.header("Content-Type") == null;
            if (answer.close() || closes || httpLayer) {
                close();
            }
            return answer;
        }

        private Answer read() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    throw e;
                } catch (IOException e) {
                    if (head.size() == 0) {
                        throw new NothingRead("the connection failed before the answer: " + e, e);
                    }
                    throw e;
                }
                if (b < 0) {
                    if (head.size() == 0) {
                        throw new NothingRead("the connection was closed before the answer", null);
                    }
                    throw new EOFException("the connection was closed inside the answer's head: " + head);
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > 64 * 1024) {
                    throw new IOException("answer head above 64 KiB");
                }
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + lines[0]);
            }
            int status = Integer.parseInt(statusLine[1]);
            List<String[]> headers = new ArrayList<>();
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine[0].equals("HTTP/1.0");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    throw new IOException("answer header line without a name: " + lines[i]);
                }
                String name = lines[i].substring(0, colon).trim();
                String value = lines[i].substring(colon + 1).trim();
                headers.add(new String[]{ name, value });
                String lower = value.toLowerCase(Locale.ROOT);
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && lower.contains("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("connection") && lower.contains("close")) {
                    close = true;
                }
            }
            byte[] body;
            if (chunked) {
                body = dechunk();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
                if (body.length < length) {
                    throw new EOFException("the body ended after " + body.length + " of " + length + " bytes");
                }
            } else {
                body = in.readAllBytes();
                close = true;
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), close);
        }

        private byte[] dechunk() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailer fields
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new EOFException("a chunk ended early");
                }
                body.writeBytes(chunk);
                line();
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (b < 0) {
                throw new EOFException("the chunked body ended early");
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
                socket = null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checking one answer
    // ---------------------------------------------------------------------------------------------------------------

    private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|io\\.quarkus|io\\.vertx|io\\.netty|io\\.smallrye|io\\.quarkiverse|org\\.jose4j"
                    + "|org\\.jboss)\\.[A-Za-z_$][\\w$]*");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at io.", "at java.", "Caused by", "alice-secret",
            "bob-secret", "Throwable");

    /** @return why the answer is wrong, or {@code null} */
    static String check(Planned planned, Expectation expected, Answer answer, String code) {
        String authority = authority(new Head(planned.head()));
        // the metrics of a valid administrator legitimately name exception classes; every other answer never does
        String everything = planned.route() == Route.METRICS && answer.status() == 200 ? "" : answer.toString();
        for (String leak : LEAKS) {
            if (everything.contains(leak)) {
                return "the answer contains '" + leak + "'";
            }
        }
        Matcher className = CLASS_NAME.matcher(everything);
        if (className.find()) {
            return "the answer names a class: " + className.group();
        }
        for (String[] header : answer.headers()) {
            for (String secret : expected.secrets()) {
                if (header[1].contains(secret) && !constantText(authority).contains(secret)) {
                    return "header " + header[0] + " echoes the credentials";
                }
            }
        }
        int status = answer.status();
        String contentType = answer.header("Content-Type");
        if (status == 400 && contentType == null && answer.body().isEmpty()) {
            return expected.codecBad()
                    ? null
                    : "400 without a problem body (only a head the HTTP codec cannot parse may get that), allowed: "
                            + expected.allowed();
        }
        if (status == 431) {
            return expected.oversized() ? null : "431 for a head of " + planned.head().length() + " bytes";
        }
        if (status >= 200 && status < 300) {
            if (!expected.allowed().contains(SUCCESS)) {
                return status + " without valid credentials (allowed: " + expected.allowed() + ")";
            }
            if (expected.body() != null && !expected.body().equals(answer.body())) {
                return status + " with body '" + answer.body() + "', expected '" + expected.body() + "'";
            }
            return null;
        }
        if (code == null) {
            return "a " + status + " refusal without a problem body with a code";
        }
        if (status >= 500 && !code.equals("verification_busy")) {
            return "a " + status + " (" + code + ")";
        }
        if (!"application/problem+json".equals(contentType)) {
            return "Content-Type " + contentType + " on a refusal";
        }
        if (!"no-store".equals(answer.header("Cache-Control"))) {
            return "Cache-Control " + answer.header("Cache-Control") + " on a refusal";
        }
        Answers.Problem documented = CODES.get(code);
        if (documented == null) {
            return "undocumented code " + code;
        }
        if (documented.status() != status) {
            return "code " + code + " is documented with status " + documented.status() + ", answered with " + status;
        }
        String instance = Answers.instance(planned.target());
        if (!problemBody(code, instance).equals(answer.body())) {
            return "the problem body is not the documented one for " + code + " at " + instance + ": expected "
                    + problemBody(code, instance);
        }
        if (!expected.allowed().contains(code)) {
            return "code " + code + " does not fit this request (allowed: " + expected.allowed() + ")";
        }
        List<String> challenges = challenges(planned.route(), code, authority);
        if (!challenges.equals(answer.headers("WWW-Authenticate"))) {
            return "WWW-Authenticate " + answer.headers("WWW-Authenticate") + ", expected " + challenges;
        }
        String retryAfter = answer.header("Retry-After");
        if (status == 429 || status == 503) {
            if (retryAfter == null || !retryAfter.matches("[1-9][0-9]*")
                    || (code.equals("verification_busy") && !retryAfter.equals("1"))) {
                return code + " with Retry-After " + retryAfter;
            }
        } else if (retryAfter != null) {
            return code + " with Retry-After " + retryAfter;
        }
        return null;
    }

    static String escape(String raw) {
        StringBuilder out = new StringBuilder();
        String text = raw.length() > 1600
                ? raw.substring(0, 1000) + "<... " + (raw.length() - 1300) + " more bytes ...>"
                        + raw.substring(raw.length() - 300)
                : raw;
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n\n    ");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The test
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void generatedHeadersGetCompleteAnswers() throws Exception {
        Tokens tokens = new Tokens();
        Generator generator = new Generator(SEED, tokens);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Planned planned;
            do {
                planned = generator.next(i);
            } while (failsForValidOnlyUser(planned));
            plan.add(planned);
        }
        // how often each user name fails: a name with more failures than the free ones may be slowed (429)
        Map<String, Integer> attempts = new HashMap<>();
        for (Planned planned : plan) {
            String[] pair = presentedBasic(planned, new Head(planned.head()));
            if (pair != null && !VALID_PAIRS.containsKey(pair[0] + ":" + pair[1])) {
                attempts.merge(pair[0], 1, Integer::sum);
            }
        }
        List<Expectation> expectations = new ArrayList<>();
        for (Planned planned : plan) {
            expectations.add(expect(planned, tokens, attempts));
        }
        Set<Integer> only = new TreeSet<>();
        for (String index : ONLY.split(",")) {
            if (!index.isBlank()) {
                only.add(Integer.parseInt(index.trim()));
            }
        }
        System.out.printf("HeaderFuzzIT: seed=%#x, %d requests, %d threads against %s%s (replay: -Dfuzz.seed=%#x)%n", SEED,
                only.isEmpty() ? plan.size() : only.size(), THREADS, base, only.isEmpty() ? "" : ", only " + only, SEED);

        // the valid Basic users' passwords are hashed once, sequentially; from then on the cache knows them
        try (Client client = new Client(base.getHost(), base.getPort())) {
            for (String[] user : List.of(new String[]{ "carol:alice-secret", "carol [admin, user]" },
                    new String[]{ "dave:bob-secret", "dave [user]" })) {
                String request = "GET /api/me HTTP/1.1\r\nHost: localhost:" + base.getPort() + "\r\nAuthorization: Basic "
                        + b64(user[0]) + "\r\n\r\n";
                Answer answer = client.exchange(request.getBytes(StandardCharsets.ISO_8859_1), false);
                assertEquals(200, answer.status(), answer.toString());
                assertEquals(user[1], answer.body());
            }
            // the holder of a token without jti revokes it (RFC 7009): revoked by its value, for the rest of the run
            String form = "token=" + tokens.revoked;
            String revoke = "POST /oauth/revoke HTTP/1.1\r\nHost: localhost:" + base.getPort() + "\r\nAuthorization: Bearer "
                    + tokens.revoked + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + form.length() + "\r\n\r\n" + form;
            Answer revoked = client.exchange(revoke.getBytes(StandardCharsets.ISO_8859_1), false);
            assertEquals(200, revoked.status(), revoked.toString());
            String check = "GET /api/orders HTTP/1.1\r\nHost: localhost:" + base.getPort() + "\r\nAuthorization: Bearer "
                    + tokens.revoked + "\r\n\r\n";
            Answer refused = client.exchange(check.getBytes(StandardCharsets.ISO_8859_1), false);
            assertEquals(401, refused.status(), refused.toString());
            assertEquals(problemBody("revoked", "/api/orders"), refused.body());
            assertEquals(challenges(Route.ORDERS, "revoked", "localhost:" + base.getPort()),
                    refused.headers("WWW-Authenticate"));
        }

        List<Integer> indexes = new ArrayList<>();
        for (Planned planned : plan) {
            if (only.isEmpty() || only.contains(planned.index())) {
                indexes.add(planned.index());
            }
        }
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<String, LongAdder> byCode = new ConcurrentHashMap<>();
        LongAdder validPlanned = new LongAdder();
        LongAdder validRequired = new LongAdder();
        LongAdder validAccepted = new LongAdder();
        LongAdder connections = new LongAdder();
        LongAdder retries = new LongAdder();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failureCount = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                try (Client client = new Client(base.getHost(), base.getPort())) {
                    for (int k = next.getAndIncrement(); k < indexes.size(); k = next.getAndIncrement()) {
                        Planned planned = plan.get(indexes.get(k));
                        Expectation expected = expectations.get(planned.index());
                        if (expected.allowed().contains(SUCCESS)) {
                            validPlanned.increment();
                        }
                        if (expected.mustSucceed()) {
                            validRequired.increment();
                        }
                        String problem;
                        Answer answer = null;
                        String code = null;
                        try {
                            answer = client.exchange(planned.head().getBytes(StandardCharsets.ISO_8859_1),
                                    expected.closes());
                            Matcher matcher = CODE.matcher(answer.body());
                            code = answer.header("Content-Type") != null && matcher.find() ? matcher.group(1) : null;
                            problem = check(planned, expected, answer, code);
                        } catch (IOException | RuntimeException e) {
                            client.close();
                            problem = "no complete answer: " + e;
                        }
                        String status = answer == null ? "none" : String.valueOf(answer.status());
                        byStatus.computeIfAbsent(status, ignored -> new LongAdder()).increment();
                        if (answer != null && answer.status() >= 200 && answer.status() < 300) {
                            if (problem == null) {
                                validAccepted.increment();
                            }
                        } else {
                            String label = code != null
                                    ? code
                                    : answer == null ? "no answer" : answer.status() == 431 ? "431 (HTTP layer)" : "no body";
                            byCode.computeIfAbsent(label, ignored -> new LongAdder()).increment();
                        }
                        if (problem != null && failureCount.incrementAndGet() <= MAX_REPORTED) {
                            failures.add(String.format("request #%d (%s) to %s: %s%n  expected: %s%n  sent:%n    %s%n"
                                    + "  answer: %s", planned.index(), planned.category(), planned.route(), problem,
                                    expected.allowed(), escape(planned.head()),
                                    answer == null ? "none" : escape(answer.toString())));
                        }
                    }
                    connections.add(client.connections);
                    retries.add(client.retries);
                }
                return null;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the fuzz run did not finish in 5 minutes");
        for (Future<?> worker : workers) {
            worker.get();
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("HeaderFuzzIT summary: seed=%#x requests=%d elapsed=%d ms by-status=%s by-code=%s "
                + "valid-sent=%d (must-succeed=%d) valid-accepted=%d connections=%d keep-alive-retries=%d failures=%d%n",
                SEED, indexes.size(), elapsed, new TreeMap<>(counts(byStatus)), new TreeMap<>(counts(byCode)),
                validPlanned.sum(), validRequired.sum(), validAccepted.sum(), connections.sum(), retries.sum(),
                failureCount.get());
        for (String failure : failures) {
            System.out.println("HeaderFuzzIT FAILURE (seed " + String.format("%#x", SEED) + ") " + failure);
        }
        if (failureCount.get() > 0) {
            fail(failureCount.get() + " of " + indexes.size() + " answers are wrong (seed " + String.format("%#x", SEED)
                    + "); the first:\n" + failures.get(0));
        }
        if (only.isEmpty()) {
            assertTrue(indexes.size() >= 10_000, "at least 10,000 requests");
            assertTrue(validAccepted.sum() >= 200, "the generator must reach the success path: " + validAccepted.sum());
            assertTrue(counts(byCode).getOrDefault("invalid_credentials", 0L) >= 20,
                    "the generator must reach the password check despite throttle and busy answers: " + counts(byCode));
            assertTrue(counts(byCode).getOrDefault("invalid_token", 0L) >= 200, "the generator must reach token checks");
        }
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> counts = new HashMap<>();
        adders.forEach((key, adder) -> counts.put(key, adder.sum()));
        return counts;
    }

    /**
     * A request that would present carol's or dave's name with a wrong password: it would count a failure against a
     * user whose every valid request must succeed. The planner draws another one instead.
     */
    private static boolean failsForValidOnlyUser(Planned planned) {
        for (String[] field : new Head(planned.head()).fields) {
            if (field[0].equals("authorization") && schemeToken(field[1]).equalsIgnoreCase("basic")) {
                String[] pair = decodeBasic(field[1]);
                if (pair != null && (pair[0].equals("carol") || pair[0].equals("dave"))
                        && !VALID_PAIRS.containsKey(pair[0] + ":" + pair[1])) {
                    return true;
                }
            }
        }
        return false;
    }
}
