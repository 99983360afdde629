package io.quarkiverse.authgateway.deployment.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Bodies are streamed, not buffered: a 1 GiB upload (chunked, and with a length) and a 1 GiB download pass through
 * the gateway while the heap stays flat (the live heap, sampled during the transfer, stays far below the body's size;
 * nothing is retained after it). Quarkus refuses a declared {@code Content-Length} above
 * {@code quarkus.http.limits.max-body-size} before any route sees the request, so the test raises it.
 */
class LargeBodyForwardingTest {

    static final long GIB = 1L << 30;
    static final TestUpstream BULK = new TestUpstream("bulk", TestUpstream.port("bulk"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = ForwardingApplication.application("""
            quarkus.http.limits.max-body-size=2G
            quarkus.auth-gateway.upstream.bulk.url=http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.bulk.identity=none
            quarkus.auth-gateway.route.bulk.paths=/bulk/*
            quarkus.auth-gateway.route.bulk.policy=authenticated
            quarkus.auth-gateway.route.bulk.upstream=bulk
            quarkus.auth-gateway.route.bulk.upstream-path=/
            """.formatted(BULK.port), TestUpstream.class, TestUpstream.Received.class);

    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes());

    @Test
    void oneGibibyteUpAndDownWithAFlatHeap() throws Exception {
        BULK.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://localhost:8081/bulk/");
        try (HeapWatch watch = new HeapWatch()) {
            HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(base.resolve("upload"))
                    .header("Authorization", ALICE).timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(GIB))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chunked.statusCode(), chunked.body());
            assertEquals(GIB, BULK.last().bodyBytes());
            assertEquals("chunked", BULK.last().headers().get("Transfer-Encoding"));

            HttpResponse<String> sized = client.send(HttpRequest.newBuilder(base.resolve("upload"))
                    .header("Authorization", ALICE).timeout(Duration.ofMinutes(2)).expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(GIB)), GIB))
                    .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, sized.statusCode(), sized.body());
            assertEquals(GIB, BULK.last().bodyBytes());
            assertEquals(Long.toString(GIB), BULK.last().headers().get("Content-Length"));

            HttpResponse<InputStream> download = client.send(HttpRequest.newBuilder(base.resolve("download?bytes=" + GIB))
                    .header("Authorization", ALICE).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, download.statusCode());
            assertEquals(Long.toString(GIB), download.headers().firstValue("Content-Length").orElse(null));
            long read = 0;
            byte[] buffer = new byte[256 * 1024];
            try (InputStream body = download.body()) {
                for (int n; (n = body.read(buffer)) > 0;) {
                    read += n;
                }
            }
            assertEquals(GIB, read);
            long peakGrowth = watch.peakGrowth();
            assertTrue(peakGrowth < 128L << 20, "the live heap grew by " + (peakGrowth >> 20) + " MiB during 3 GiB of bodies");
            long retained = watch.retained();
            assertTrue(retained < 48L << 20, (retained >> 20) + " MiB retained after the transfers");
        }
    }

    /**
     * Samples the live heap while bodies flow: a full collection, then the used heap, every second. Garbage does not
     * count (the buffers of a streamed body are garbage at once); a body held in memory would.
     */
    private static final class HeapWatch implements AutoCloseable {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final long baseline;
        private final Thread sampler;

        HeapWatch() {
            System.gc();
            baseline = memory.getHeapMemoryUsage().getUsed();
            sampler = new Thread(() -> {
                while (running.get()) {
                    System.gc();
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        long peakGrowth() {
            return Math.max(0, peak.get() - baseline);
        }

        long retained() {
            System.gc();
            return Math.max(0, memory.getHeapMemoryUsage().getUsed() - baseline);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }

    /** A stream of zeros of a given length, generated as it is read. */
    private static final class Zeros extends InputStream {

        private long remaining;

        Zeros(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }
}
