import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The load generator and fault injector of benchmarks/soak.sh, one file for {@code java Soak.java}.
 *
 * <ul>
 * <li>{@code keys <dir>}: an RSA key pair for the gateway's local issuer (publicKey.pem, privateKey.der).</li>
 * <li>{@code prepare <dir> <port>}: signs the tokens (one valid, {@value #REVOKED} whose subjects it revokes through
 * the admin endpoint, {@value #LIVE} revoked later, during the run), checks each kind once and writes the request mix
 * for the wrk probe (probe.txt).</li>
 * <li>{@code run <dir> <port> <redis-port> <redis-conf> <seconds> <rate> <connections>}: sends the mix at a fixed rate
 * over keep-alive connections (one thread, non-blocking), kills and restarts Redis, pauses it and revokes further
 * subjects on a schedule, classifies every answer and writes the results (results.adoc, summary.properties).</li>
 * </ul>
 */
public class Soak {

    static final int REVOKED = 20;
    static final int LIVE = 24;
    static final String ISSUER = "https://bench.issuer";
    static final String OPERATOR = "Basic " + b64("ops:bench-secret".getBytes(StandardCharsets.UTF_8));
    static final String BASIC = "Basic " + b64("bench:bench-secret".getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "prepare" -> prepare(Path.of(args[1]), Integer.parseInt(args[2]));
            case "run" -> new Soak(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4],
                    Integer.parseInt(args[5]), Double.parseDouble(args[6]), Integer.parseInt(args[7])).run();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------- keys, tokens, admin

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void keys(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("publicKey.pem"), pem);
        Files.write(dir.resolve("privateKey.der"), pair.getPrivate().getEncoded());
    }

    static String sign(PrivateKey key, String subject, String jti) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"aud\":\"bench\",\"iat\":" + now + ",\"exp\":" + (now + 4 * 3600) + ",\"jti\":\"" + jti
                + "\",\"groups\":[\"user\"]}";
        String input = b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + b64url(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64url(signature.sign());
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @return the status of the admin endpoint's answer to revoking the subject */
    static int revokeSubject(int port, String subject) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth-gateway/revocations"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", OPERATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"subject\",\"id\":\"" + subject
                        + "\",\"reason\":\"soak test\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int get(int port, String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void prepare(Path dir, int port) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("privateKey.der"))));
        List<String> lines = new ArrayList<>();
        lines.add("valid\tbench-user\t" + sign(key, "bench-user", "soak-valid"));
        for (int i = 1; i <= REVOKED; i++) {
            lines.add("revoked\tsoak-revoked-" + i + "\t" + sign(key, "soak-revoked-" + i, "soak-revoked-" + i));
        }
        for (int i = 1; i <= LIVE; i++) {
            lines.add("live\tsoak-live-" + i + "\t" + sign(key, "soak-live-" + i, "soak-live-" + i));
        }
        Files.write(dir.resolve("tokens.tsv"), lines, StandardCharsets.US_ASCII);
        Thread.sleep(1100); // revoked after the second of the tokens' iat
        for (int i = 1; i <= REVOKED; i++) {
            int status = revokeSubject(port, "soak-revoked-" + i);
            if (status != 201) {
                throw new IllegalStateException("revoking soak-revoked-" + i + " answered " + status);
            }
        }
        Tokens tokens = Tokens.read(dir);
        check(get(port, "/basic", BASIC), 200, "valid Basic");
        check(get(port, "/jwt", "Bearer " + tokens.valid), 200, "valid Bearer");
        check(get(port, "/jwt", "Bearer " + tokens.revoked.get(0)), 401, "revoked Bearer");
        check(get(port, "/jwt", "Bearer " + tokens.live.get(0)), 200, "Bearer to be revoked during the run");
        List<String> probe = new ArrayList<>();
        for (int i = 0; i < MIX.length; i++) {
            switch (MIX[i]) {
                case BASIC_VALID -> probe.add("/basic\t" + BASIC);
                case BEARER_VALID -> probe.add("/jwt\tBearer " + tokens.valid);
                case BEARER_REVOKED -> probe.add("/jwt\tBearer " + tokens.revoked.get(i % REVOKED));
                default -> probe.add("/jwt\tBearer " + tokens.live.get(i % LIVE));
            }
        }
        Files.write(dir.resolve("probe.txt"), probe, StandardCharsets.US_ASCII);
    }

    static void check(int status, int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status + ", expected " + expected);
        }
    }

    record Tokens(String valid, List<String> revoked, List<String> live, List<String> liveSubjects) {
        static Tokens read(Path dir) throws IOException {
            String valid = null;
            List<String> revoked = new ArrayList<>(), live = new ArrayList<>(), liveSubjects = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("tokens.tsv"))) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "valid" -> valid = f[2];
                    case "revoked" -> revoked.add(f[2]);
                    default -> {
                        live.add(f[2]);
                        liveSubjects.add(f[1]);
                    }
                }
            }
            return new Tokens(valid, revoked, live, liveSubjects);
        }
    }

    // ---------------------------------------------------------------- the run

    static final int BASIC_VALID = 0, BEARER_VALID = 1, BEARER_REVOKED = 2, LIVE_TOKEN = 3;
    /** The mix, 20 requests: 8 valid Basic, 8 valid Bearer, 2 Bearer revoked before the run, 2 revoked during it. */
    static final int[] MIX = { 0, 1, 0, 1, 2, 0, 1, 0, 1, 3, 0, 1, 0, 1, 2, 0, 1, 0, 1, 3 };

    /** What a request was when it was sent, which decides the answers it may get. */
    static final int K_BASIC = 0, K_BEARER = 1, K_REVOKED = 2, K_LIVE_BEFORE = 3, K_LIVE_DURING = 4, K_LIVE_AFTER = 5,
            K_LIVE_UNCERTAIN = 6, KINDS = 7;
    static final String[] KIND_NAMES = { "valid Basic", "valid Bearer", "revoked Bearer", "Bearer before its revocation",
            "Bearer during its revocation", "Bearer after its revocation", "Bearer whose revocation failed" };

    static final int INTERVAL_SECONDS = 10;
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    final Path dir;
    final int port, redisPort;
    final String redisConf;
    final int seconds;
    final double rate;
    final int connectionCount;
    final byte[][] basicRequests, bearerRequests, revokedRequests, liveRequests;
    final List<String> liveSubjects;
    /** Per live token: when its revocation was asked (0: not), when it was confirmed with 201 (0: not yet). */
    final AtomicLongArray revokeAsked, revokeDone;
    /** Per live token: a revocation that was not confirmed (any answer but 201): either answer is allowed then. */
    final AtomicLongArray revokeFailed;
    final ConcurrentLinkedQueue<String[]> events = new ConcurrentLinkedQueue<>();
    final AtomicReferenceArray<String> adminProblems = new AtomicReferenceArray<>(64);
    long t0;
    long revokedCounter, liveCounter;

    Soak(Path dir, int port, int redisPort, String redisConf, int seconds, double rate, int connections) throws IOException {
        this.dir = dir;
        this.port = port;
        this.redisPort = redisPort;
        this.redisConf = redisConf;
        this.seconds = seconds;
        this.rate = rate;
        this.connectionCount = connections;
        Tokens tokens = Tokens.read(dir);
        basicRequests = new byte[][] { request("/basic", BASIC) };
        bearerRequests = new byte[][] { request("/jwt", "Bearer " + tokens.valid) };
        revokedRequests = tokens.revoked.stream().map(t -> request("/jwt", "Bearer " + t)).toArray(byte[][]::new);
        liveRequests = tokens.live.stream().map(t -> request("/jwt", "Bearer " + t)).toArray(byte[][]::new);
        liveSubjects = tokens.liveSubjects;
        revokeAsked = new AtomicLongArray(LIVE);
        revokeDone = new AtomicLongArray(LIVE);
        revokeFailed = new AtomicLongArray(LIVE);
    }

    byte[] request(String path, String authorization) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The counts of one interval. */
    static final class Interval {
        long sent, notSent, timeouts, ioErrors;
        final long[] ok = new long[KINDS], revoked401 = new long[KINDS], storeDown503 = new long[KINDS];
        final Map<String, Long> others = new TreeMap<>();
        long wronglyAccepted, unexpected;
        final int[] histogram = new int[20001]; // 0.1 ms buckets up to 2 s, then overflow
        long maxNanos;

        void latency(long nanos) {
            maxNanos = Math.max(maxNanos, nanos);
            histogram[(int) Math.min(20000, nanos / 100_000)]++;
        }

        double p99Millis() {
            long total = 0;
            for (int c : histogram) {
                total += c;
            }
            long seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= Math.ceil(total * 0.99)) {
                    return i / 10.0;
                }
            }
            return 0;
        }
    }

    final class Conn {
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        boolean busy;
        long sentAt;
        int kind, live = -1;

        void connect(Selector selector) throws IOException {
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, 0, this);
            in.clear();
            busy = false;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    Interval[] intervals;
    /** 503 revocation_store_unavailable answers, and all answers, per 100 ms, to time the outages as clients see them. */
    int[] storeDownPer100ms, answersPer100ms;

    void event(String what) {
        long at = System.nanoTime() - t0;
        events.add(new String[] { String.valueOf(at), what });
        System.out.printf("  %6.1f s  %s%n", at / 1e9, what);
    }

    void run() throws Exception {
        intervals = new Interval[seconds / INTERVAL_SECONDS + 2];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new Interval();
        }
        storeDownPer100ms = new int[seconds * 10 + 100];
        answersPer100ms = new int[seconds * 10 + 100];
        Selector selector = Selector.open();
        List<Conn> conns = new ArrayList<>();
        ArrayDeque<Conn> idle = new ArrayDeque<>();
        for (int i = 0; i < connectionCount; i++) {
            Conn conn = new Conn();
            conn.connect(selector);
            conns.add(conn);
            idle.add(conn);
        }
        t0 = System.nanoTime();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        schedule(scheduler);
        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        long issued = 0, sequence = 0, lastSweep = t0;
        long behindLimit = Math.max(1, (long) (rate / 10)); // more than 100 ms behind: those requests are not sent
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (long) ((now - t0) * rate / 1e9) - issued;
            if (due > behindLimit) {
                intervals[index(now)].notSent += due - behindLimit;
                issued += due - behindLimit;
                due = behindLimit;
            }
            while (due > 0 && !idle.isEmpty()) {
                Conn conn = idle.poll();
                send(conn, (int) (sequence++ % MIX.length), now);
                issued++;
                due--;
                if (!conn.busy) { // the write failed: reconnect later
                    reconnect(conn, selector, idle, now, false);
                }
            }
            // at most 1 ms until the next look at what is due; an answer wakes the loop at once
            selector.select(1);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Conn conn = (Conn) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                try {
                    if (key.isWritable()) {
                        conn.channel.write(conn.out);
                        if (!conn.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isReadable()) {
                        int n = conn.channel.read(conn.in);
                        if (n < 0) {
                            reconnect(conn, selector, idle, System.nanoTime(), conn.busy);
                            continue;
                        }
                        Boolean close = parse(conn, System.nanoTime());
                        if (close != null) {
                            if (close) {
                                reconnect(conn, selector, idle, System.nanoTime(), false);
                            } else {
                                idle.add(conn);
                            }
                        }
                    }
                } catch (IOException e) {
                    reconnect(conn, selector, idle, System.nanoTime(), conn.busy);
                }
            }
            if (now - lastSweep > 100_000_000) {
                lastSweep = now;
                for (Conn conn : conns) {
                    if (conn.busy && now - conn.sentAt > TIMEOUT_NANOS) {
                        intervals[index(now)].timeouts++;
                        intervals[index(now)].unexpected++;
                        conn.busy = false;
                        reconnect(conn, selector, idle, now, false);
                    } else if (conn.channel == null || !conn.channel.isOpen()) {
                        reconnect(conn, selector, idle, now, false);
                    }
                }
            }
        }
        // let the requests in flight finish (up to 2 s), then stop
        long drainEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < drainEnd && conns.stream().anyMatch(c -> c.busy)) {
            selector.select(10);
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext();) {
                SelectionKey key = keys.next();
                keys.remove();
                Conn conn = (Conn) key.attachment();
                try {
                    if (key.isValid() && key.isReadable()) {
                        if (conn.channel.read(conn.in) < 0) {
                            conn.busy = false;
                            continue;
                        }
                        parse(conn, System.nanoTime());
                    }
                } catch (IOException e) {
                    conn.busy = false;
                }
            }
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(15, TimeUnit.SECONDS);
        for (Conn conn : conns) {
            conn.close();
        }
        report();
    }

    int index(long nanos) {
        return (int) Math.min(intervals.length - 1, Math.max(0, (nanos - t0) / (INTERVAL_SECONDS * 1_000_000_000L)));
    }

    void send(Conn conn, int slot, long now) {
        byte[] bytes;
        conn.live = -1;
        switch (MIX[slot]) {
            case BASIC_VALID -> {
                conn.kind = K_BASIC;
                bytes = basicRequests[0];
            }
            case BEARER_VALID -> {
                conn.kind = K_BEARER;
                bytes = bearerRequests[0];
            }
            case BEARER_REVOKED -> {
                conn.kind = K_REVOKED;
                bytes = revokedRequests[(int) (revokedCounter++ % revokedRequests.length)];
            }
            default -> {
                int live = (int) (liveCounter++ % LIVE);
                conn.live = live;
                if (revokeFailed.get(live) != 0) {
                    conn.kind = K_LIVE_UNCERTAIN;
                } else if (revokeDone.get(live) != 0) {
                    conn.kind = K_LIVE_AFTER;
                } else if (revokeAsked.get(live) != 0) {
                    conn.kind = K_LIVE_DURING;
                } else {
                    conn.kind = K_LIVE_BEFORE;
                }
                bytes = liveRequests[live];
            }
        }
        conn.out = ByteBuffer.wrap(bytes);
        conn.sentAt = now;
        conn.in.clear();
        intervals[index(now)].sent++;
        try {
            conn.channel.write(conn.out);
            conn.key.interestOps(conn.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            conn.busy = true;
        } catch (IOException e) {
            Interval interval = intervals[index(now)];
            interval.ioErrors++;
            interval.unexpected++;
            conn.busy = false;
        }
    }

    void reconnect(Conn conn, Selector selector, ArrayDeque<Conn> idle, long now, boolean wasBusy) {
        if (wasBusy) {
            Interval interval = intervals[index(now)];
            interval.ioErrors++;
            interval.unexpected++;
        }
        conn.busy = false;
        idle.remove(conn);
        conn.close();
        try {
            conn.connect(selector);
            idle.add(conn);
        } catch (IOException e) {
            // the sweep tries again
        }
    }

    /**
     * @return null while the answer is incomplete; otherwise whether the connection must be closed
     */
    Boolean parse(Conn conn, long now) {
        ByteBuffer in = conn.in;
        byte[] a = in.array();
        int len = in.position();
        int headerEnd = -1;
        for (int i = 3; i < len; i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                headerEnd = i + 1;
                break;
            }
        }
        if (headerEnd < 0) {
            if (len == a.length) {
                throw new IllegalStateException("answer headers over 64 KiB");
            }
            return null;
        }
        int status = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
        String head = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase();
        boolean close = head.contains("\r\nconnection: close");
        int bodyEnd;
        int cl = head.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            int lineEnd = head.indexOf("\r\n", cl + 2);
            int length = Integer.parseInt(head.substring(cl + 17, lineEnd).trim());
            bodyEnd = headerEnd + length;
            if (len < bodyEnd) {
                return null;
            }
        } else if (head.contains("\r\ntransfer-encoding: chunked")) {
            int pos = headerEnd;
            while (true) {
                int lineEnd = indexOfCrlf(a, pos, len);
                if (lineEnd < 0) {
                    return null;
                }
                int size = Integer.parseInt(new String(a, pos, lineEnd - pos, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
                if (size == 0) {
                    if (len < lineEnd + 4) {
                        return null;
                    }
                    bodyEnd = lineEnd + 4;
                    break;
                }
                pos = lineEnd + 2 + size + 2;
                if (pos > len) {
                    return null;
                }
            }
        } else {
            bodyEnd = headerEnd; // no body (or none announced)
        }
        String code = "";
        if (status != 200) {
            String body = new String(a, headerEnd, Math.max(0, Math.min(len, bodyEnd) - headerEnd), StandardCharsets.UTF_8);
            int at = body.indexOf("\"code\":\"");
            if (at >= 0) {
                code = body.substring(at + 8, body.indexOf('"', at + 8));
            }
        }
        conn.busy = false;
        in.clear();
        classify(conn, status, code, now);
        return close;
    }

    static int indexOfCrlf(byte[] a, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    void classify(Conn conn, int status, String code, long now) {
        Interval interval = intervals[index(now)];
        interval.latency(now - conn.sentAt);
        int slot = (int) Math.min(answersPer100ms.length - 1, (now - t0) / 100_000_000);
        answersPer100ms[slot]++;
        int kind = conn.kind;
        boolean revokedKind = kind == K_REVOKED || kind == K_LIVE_AFTER;
        if (status == 200) {
            interval.ok[kind]++;
            if (revokedKind) {
                interval.wronglyAccepted++;
            }
            return;
        }
        if (status == 503 && code.equals("revocation_store_unavailable")) {
            interval.storeDown503[kind]++;
            storeDownPer100ms[slot]++;
            return;
        }
        if (status == 401 && code.equals("revoked")) {
            boolean allowed = revokedKind || kind == K_LIVE_DURING || kind == K_LIVE_UNCERTAIN
                    || kind == K_LIVE_BEFORE && revokeAsked.get(conn.live) != 0;
            interval.revoked401[kind]++;
            if (!allowed) {
                interval.unexpected++;
                interval.others.merge(KIND_NAMES[kind] + ": 401 revoked", 1L, Long::sum);
            }
            return;
        }
        interval.unexpected++;
        interval.others.merge(KIND_NAMES[kind] + ": " + status + (code.isEmpty() ? "" : " " + code), 1L, Long::sum);
    }

    // ---------------------------------------------------------------- faults and revocations on a schedule

    void schedule(ScheduledExecutorService scheduler) {
        // a period of 120 s (60 s for runs under 4 minutes): Redis killed and restarted 20 s later, a subject revoked,
        // CLIENT PAUSE 1000 ALL, CLIENT PAUSE 5000 ALL, another subject revoked
        int period = seconds >= 240 ? 120 : 60;
        int[] at = period == 120 ? new int[] { 15, 35, 50, 65, 85, 105 } : new int[] { 8, 28, 35, 40, 47, 56 };
        int kills = 0;
        int nextLive = 1; // live token 0 was checked as valid by prepare and stays a control: 200 until revoked
        for (int start = 0; start + at[5] < seconds - 3; start += period) {
            boolean hard = kills++ % 2 == 1;
            at(scheduler, start + at[0], () -> killRedis(hard));
            at(scheduler, start + at[1], this::startRedis);
            int first = nextLive++, second = nextLive++;
            at(scheduler, start + at[2], () -> revokeLive(first));
            at(scheduler, start + at[3], () -> pause(1000));
            at(scheduler, start + at[4], () -> pause(5000));
            at(scheduler, start + at[5], () -> revokeLive(second));
        }
    }

    void at(ScheduledExecutorService scheduler, long second, Runnable action) {
        long delay = t0 + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
        scheduler.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                event("FAILED: " + e);
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    String redisCli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(redisPort)));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    void killRedis(boolean hard) {
        if (hard) {
            try {
                String pid = Files.readString(Path.of(redisConf).resolveSibling("redis.pid")).trim();
                new ProcessBuilder("kill", "-KILL", pid).start().waitFor(10, TimeUnit.SECONDS);
                event("Redis killed (kill -KILL " + pid + ")");
            } catch (IOException | InterruptedException e) {
                event("FAILED to kill Redis: " + e);
            }
        } else {
            String out = redisCli("SHUTDOWN", "NOSAVE");
            event("Redis stopped (SHUTDOWN NOSAVE" + (out.isEmpty() ? "" : ": " + out) + ")");
        }
    }

    void startRedis() {
        try {
            new ProcessBuilder("taskset", "-c", "0", "redis-server", redisConf).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            String pong = "";
            for (int i = 0; i < 50 && !pong.equals("PONG"); i++) {
                Thread.sleep(100);
                pong = redisCli("PING");
            }
            event("Redis restarted (" + pong + ", " + redisCli("DBSIZE") + " keys loaded from its append-only file)");
        } catch (IOException | InterruptedException e) {
            event("FAILED to start Redis: " + e);
        }
    }

    void pause(int millis) {
        event("CLIENT PAUSE " + millis + " ALL: " + redisCli("CLIENT", "PAUSE", String.valueOf(millis), "ALL"));
    }

    void revokeLive(int live) {
        String subject = liveSubjects.get(live);
        revokeAsked.set(live, System.nanoTime());
        int status;
        try {
            status = revokeSubject(port, subject);
        } catch (Exception e) {
            status = -1;
        }
        if (status == 201) {
            revokeDone.set(live, System.nanoTime());
            event("subject " + subject + " revoked through the admin endpoint (201)");
        } else {
            revokeFailed.set(live, System.nanoTime());
            event("revoking subject " + subject + " answered " + status + " (its token is not classified further)");
            for (int i = 0; i < adminProblems.length(); i++) {
                if (adminProblems.compareAndSet(i, null, subject + ": " + status)) {
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- results

    void report() throws IOException {
        List<String[]> eventList = new ArrayList<>(events);
        StringBuilder adoc = new StringBuilder();
        adoc.append("[cols=\">1,>2,>2,>2,>2,>2,>2,>1,>1,>1,>2,>2,6\",options=\"header\"]\n|===\n")
                .append("|t (s) |sent |valid 200 |valid 503 |revoked 401 |revoked 503 |to be revoked: 200 |wrongly accepted "
                        + "|unexpected |not sent |p99 (ms) |max (ms) |events\n\n");
        long sent = 0, notSent = 0, wrongly = 0, unexpected = 0, answered = 0, down503 = 0, validOk = 0;
        Map<String, Long> others = new TreeMap<>();
        int used = Math.min(intervals.length, (seconds + INTERVAL_SECONDS - 1) / INTERVAL_SECONDS + 1);
        System.out.printf("%n%7s %8s %9s %9s %11s %11s %9s %7s %7s %8s %8s %8s  %s%n", "t (s)", "sent", "valid 200", "valid 503",
                "revoked 401", "revoked 503", "live 200", "wrongly", "unexp.", "not sent", "p99 ms", "max ms", "events");
        for (int i = 0; i < used; i++) {
            Interval v = intervals[i];
            if (v.sent == 0 && v.histogram.length > 0 && sum(v.ok) + sum(v.revoked401) + sum(v.storeDown503) == 0
                    && v.unexpected == 0) {
                continue;
            }
            long valid200 = v.ok[K_BASIC] + v.ok[K_BEARER];
            long valid503 = v.storeDown503[K_BASIC] + v.storeDown503[K_BEARER] + v.storeDown503[K_LIVE_BEFORE];
            long revoked401 = sum(v.revoked401);
            long revoked503 = v.storeDown503[K_REVOKED] + v.storeDown503[K_LIVE_AFTER] + v.storeDown503[K_LIVE_DURING]
                    + v.storeDown503[K_LIVE_UNCERTAIN];
            long live200 = v.ok[K_LIVE_BEFORE] + v.ok[K_LIVE_DURING] + v.ok[K_LIVE_UNCERTAIN];
            StringBuilder what = new StringBuilder();
            for (String[] e : eventList) {
                long at = Long.parseLong(e[0]);
                if (at / (INTERVAL_SECONDS * 1_000_000_000L) == i) {
                    what.append(what.length() == 0 ? "" : "; ").append(String.format("%.1f s: %s", at / 1e9, e[1]));
                }
            }
            String start = String.valueOf(i * INTERVAL_SECONDS);
            adoc.append(String.format("|%s |%,d |%,d |%,d |%,d |%,d |%,d |%d |%d |%,d |%.1f |%.0f |%s%n", start, v.sent, valid200,
                    valid503, revoked401, revoked503, live200, v.wronglyAccepted, v.unexpected, v.notSent, v.p99Millis(),
                    v.maxNanos / 1e6, what.toString().replace("|", "\\|")));
            System.out.printf("%7s %8d %9d %9d %11d %11d %9d %7d %7d %8d %8.1f %8.0f  %s%n", start, v.sent, valid200, valid503,
                    revoked401, revoked503, live200, v.wronglyAccepted, v.unexpected, v.notSent, v.p99Millis(), v.maxNanos / 1e6,
                    what);
            sent += v.sent;
            notSent += v.notSent;
            wrongly += v.wronglyAccepted;
            unexpected += v.unexpected;
            answered += sum(v.ok) + sum(v.revoked401) + sum(v.storeDown503);
            down503 += sum(v.storeDown503);
            validOk += valid200;
            v.others.forEach((k, n) -> others.merge(k, n, Long::sum));
            if (v.timeouts > 0) {
                others.merge("no answer within 10 s", v.timeouts, Long::sum);
            }
            if (v.ioErrors > 0) {
                others.merge("connection lost with a request in flight", v.ioErrors, Long::sum);
            }
        }
        adoc.append("|===\n");
        // how long each fault made clients see 503s: from the event to the last 503 before the next event
        StringBuilder outages = new StringBuilder();
        for (int e = 0; e < eventList.size(); e++) {
            String what = eventList.get(e)[1];
            if (!what.startsWith("Redis stopped") && !what.startsWith("Redis killed") && !what.startsWith("CLIENT PAUSE")) {
                continue;
            }
            long from = Long.parseLong(eventList.get(e)[0]);
            long to = Long.MAX_VALUE;
            for (int n = e + 1; n < eventList.size(); n++) {
                String next = eventList.get(n)[1];
                if (next.startsWith("Redis stopped") || next.startsWith("Redis killed") || next.startsWith("CLIENT PAUSE")) {
                    to = Long.parseLong(eventList.get(n)[0]);
                    break;
                }
            }
            int a = (int) (from / 100_000_000), b = (int) Math.min(storeDownPer100ms.length, to / 100_000_000);
            int first = -1, last = -1;
            long count = 0, all = 0;
            for (int s = a; s < b; s++) {
                if (storeDownPer100ms[s] > 0) {
                    if (first < 0) {
                        first = s;
                    }
                    last = s;
                    count += storeDownPer100ms[s];
                }
            }
            for (int s = Math.max(a, first); first >= 0 && s <= last; s++) {
                all += answersPer100ms[s];
            }
            String label = what.startsWith("CLIENT PAUSE") ? what.substring(0, what.indexOf(" ALL") + 4)
                    : what.substring(0, what.indexOf(" (") > 0 ? what.indexOf(" (") : what.length());
            outages.append(String.format("|%.1f |%s |%s |%,d%n", from / 1e9, label,
                    first < 0 ? "none"
                            : String.format("+%.1f s to +%.1f s", Math.max(0, first * 100_000_000L - from) / 1e9,
                                    ((last + 1) * 100_000_000L - from) / 1e9),
                    count));
        }
        StringBuilder text = new StringBuilder();
        text.append(adoc).append("\n");
        text.append("Answers 503 `revocation_store_unavailable` after each fault (to 0.1 s):\n\n")
                .append("[cols=\">1,4,3,>2\",options=\"header\"]\n|===\n|at (s) |fault |503 answers from/to |503 answers\n\n")
                .append(outages).append("|===\n");
        Files.writeString(dir.resolve("results.adoc"), text.toString());
        StringBuilder summary = new StringBuilder();
        summary.append("seconds=").append(seconds).append('\n');
        summary.append("rate=").append(Math.round(rate)).append('\n');
        summary.append("connections=").append(connectionCount).append('\n');
        summary.append("sent=").append(sent).append('\n');
        summary.append("answered=").append(answered).append('\n');
        summary.append("not_sent=").append(notSent).append('\n');
        summary.append("valid_200=").append(validOk).append('\n');
        summary.append("store_503=").append(down503).append('\n');
        summary.append("wrongly_accepted=").append(wrongly).append('\n');
        for (int i = 0; i < adminProblems.length(); i++) {
            if (adminProblems.get(i) != null) {
                unexpected++; // revocations are only made while Redis is up: anything but 201 is unexpected
            }
        }
        summary.append("unexpected=").append(unexpected).append('\n');
        StringBuilder detail = new StringBuilder();
        others.forEach((k, n) -> detail.append(detail.length() == 0 ? "" : "; ").append(k).append(" x").append(n));
        for (int i = 0; i < adminProblems.length(); i++) {
            if (adminProblems.get(i) != null) {
                detail.append(detail.length() == 0 ? "" : "; ").append("admin revocation ").append(adminProblems.get(i));
            }
        }
        summary.append("unexpected_detail=").append(detail).append('\n');
        Files.writeString(dir.resolve("summary.properties"), summary.toString());
        System.out.println();
        System.out.println(summary);
        System.out.println(outages);
    }

    static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }
}
