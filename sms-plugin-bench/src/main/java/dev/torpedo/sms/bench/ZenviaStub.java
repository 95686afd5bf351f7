package dev.torpedo.sms.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for Zenvia's {@code POST /v2/channels/sms/messages}: answers 200 {@code {"id": ...}} at once
 * and counts the requests per {@code externalId}, so a run can check that every message arrived exactly once.
 * The JDK's server on a fixed pool: nothing to download, and fast enough that the provider is not what is measured.
 *
 * <pre>{@code
 * try (var stub = ZenviaStub.start(16)) {
 *     var settings = new ZenviaSettings(stub.baseUrl(), "bench-token", "bench");
 *     ...
 *     stub.exactlyOnce(expectedIds);
 * }
 * }</pre>
 */
final class ZenviaStub implements AutoCloseable {

    private static final byte[] EXTERNAL_ID = "\"externalId\":\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, AtomicInteger> perExternalId = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    private final Duration delay;

    private ZenviaStub(HttpServer server, ExecutorService pool, Duration delay) {
        this.server = server;
        this.pool = pool;
        this.delay = delay;
    }

    static ZenviaStub start(int threads) throws IOException {
        return start(threads, Duration.ZERO);
    }

    /** A stub that answers each request {@code delay} after it came, as a provider across a network would. */
    static ZenviaStub start(int threads, Duration delay) throws IOException {
        // Without TCP_NODELAY the server's header and body writes meet the client's delayed ACK: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "zenvia-stub");
            t.setDaemon(true);
            return t;
        });
        ZenviaStub stub = new ZenviaStub(server, pool, delay);
        server.createContext("/v2/channels/sms/messages", stub::handle);
        server.setExecutor(pool);
        server.start();
        return stub;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String externalId = externalId(body);
            requests.incrementAndGet();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (externalId != null) {
                perExternalId.computeIfAbsent(externalId, id -> new AtomicInteger()).incrementAndGet();
            }
            byte[] answer = ("{\"id\":\"stub-" + ids.incrementAndGet() + "\",\"externalId\":\"" + externalId + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** The externalId's value, found by a byte scan: a JSON parse per request would cost more than the rest. */
    private static String externalId(byte[] body) {
        outer:
        for (int i = 0; i + EXTERNAL_ID.length <= body.length; i++) {
            for (int j = 0; j < EXTERNAL_ID.length; j++) {
                if (body[i + j] != EXTERNAL_ID[j]) {
                    continue outer;
                }
            }
            int start = i + EXTERNAL_ID.length;
            int end = start;
            while (end < body.length && body[end] != '"') {
                end++;
            }
            return new String(body, start, end - start, StandardCharsets.UTF_8);
        }
        return null;
    }

    long requests() {
        return requests.get();
    }

    /** How many requests each externalId came in. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        perExternalId.forEach((id, n) -> counts.put(id, n.get()));
        return counts;
    }

    /** Forgets what was counted, for the next contender. */
    void reset() {
        perExternalId.clear();
        requests.set(0);
    }

    /** Whether exactly {@code expected} distinct ids arrived, each once, and nothing else. */
    boolean exactlyOnce(int expected) {
        return requests.get() == expected && perExternalId.size() == expected
                && perExternalId.values().stream().allMatch(n -> n.get() == 1);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
