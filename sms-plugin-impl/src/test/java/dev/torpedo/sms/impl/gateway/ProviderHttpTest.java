package dev.torpedo.sms.impl.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.torpedo.sms.impl.gateway.GatewayFixtures.NOON;
import static org.assertj.core.api.Assertions.assertThat;

/** Status codes, Retry-After, provider text made safe, and a failure before the request left. */
class ProviderHttpTest {

    final MutableClock clock = new MutableClock(NOON);
    final ProviderHttp http = new ProviderHttp(GatewayFixtures.FAST);

    @AfterEach
    void close() {
        http.close();
    }

    SendResult status(int status) {
        return ProviderHttp.byStatus("p", new HttpAnswer(status, "", null), clock, null, null);
    }

    @Test
    void statusesSayWhetherTheProviderCouldHaveTakenTheMessage() {
        for (int retryable : new int[]{301, 302, 401, 403, 404, 408, 429, 500, 502, 503}) {
            assertThat(status(retryable)).as("HTTP %d", retryable).isInstanceOf(SendResult.Retryable.class);
        }
        for (int permanent : new int[]{400, 405, 409, 410, 413, 415, 422}) {
            assertThat(status(permanent)).as("HTTP %d", permanent).isInstanceOf(SendResult.Permanent.class);
        }
        for (int ambiguous : new int[]{504, 501, 505, 599, 100}) {
            assertThat(status(ambiguous)).as("HTTP %d", ambiguous).isInstanceOf(SendResult.Ambiguous.class);
        }
    }

    @Test
    void aPermanentRefusalCarriesTheProvidersCodeOrElseTheStatus() {
        assertThat(ProviderHttp.byStatus("p", new HttpAnswer(400, "", null), clock, "E42", "bad text"))
                .isEqualTo(SendResult.permanent("p: HTTP 400 (bad text)", "E42"));
        assertThat(status(422)).isEqualTo(SendResult.permanent("p: HTTP 422", "422"));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(ProviderHttp.retryAfter("120", clock)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ProviderHttp.retryAfter(" 0 ", clock)).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttp.retryAfter("Tue, 10 Mar 2026 15:05:00 GMT", clock)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ProviderHttp.retryAfter("Tue, 10 Mar 2026 14:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttp.retryAfter("-5", clock)).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttp.retryAfter("31536000", clock)).isEqualTo(Duration.ofDays(1));
        assertThat(ProviderHttp.retryAfter("soon", clock)).isNull();
        assertThat(ProviderHttp.retryAfter(null, clock)).isNull();

        SendResult limited = ProviderHttp.byStatus("p", new HttpAnswer(429, "", "7"), clock, null, null);
        assertThat(((SendResult.Retryable) limited).retryAfterHint()).contains(Duration.ofSeconds(7));
    }

    @Test
    void whatAProviderSaysBackLosesAnythingLikeAPhoneNumber() {
        assertThat(ProviderHttp.safeText("The 'To' number +5511912345678 is not a valid phone number.", 200))
                .isEqualTo("The 'To' number [number] is not a valid phone number.");
        assertThat(ProviderHttp.safeText("to: 5511912345678, (11) 91234-5678 or 11 91234 5678", 200))
                .doesNotContain("91234", "12345678");
        assertThat(ProviderHttp.safeText("line\nbreak", 200)).isEqualTo("line break");
        assertThat(ProviderHttp.safeText("x".repeat(300), 20)).hasSize(20).endsWith("...");
    }

    @Test
    void aRefusedConnectionIsRetryableBecauseNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendResult result = http.send("p", new okhttp3.Request.Builder().url("http://127.0.0.1:" + closedPort + "/x")
                .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build(),
                answer -> SendResult.accepted("never"));

        assertThat(result).isEqualTo(SendResult.retryable("p: connection refused before the request was sent"));
    }

    @Test
    void noMoreRequestsThanMaxRequestsAreInFlightAtOnceWhateverTheCallersThreads() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoArrived = new CountDownLatch(2);
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/x", exchange -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            twoArrived.countDown();
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (ProviderHttp two = new ProviderHttp(new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(15), 2))) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
            var senders = Executors.newFixedThreadPool(6);
            List<Future<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(senders.submit(() -> two.send("p", new okhttp3.Request.Builder().url(url)
                        .post(okhttp3.RequestBody.create(new byte[0])).build(), a -> SendResult.accepted("ok"))));
            }
            assertThat(twoArrived.await(10, TimeUnit.SECONDS)).isTrue();
            // Four callers are blocked before their request leaves; none reaches the server while two are held.
            assertThat(now.get()).isEqualTo(2);
            answer.countDown();
            for (Future<SendResult> result : results) {
                assertThat(result.get(15, TimeUnit.SECONDS)).isEqualTo(SendResult.accepted("ok"));
            }
            senders.shutdown();
        } finally {
            server.stop(0);
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aClosedClientSendsNothing() {
        http.close();

        assertThat(http.isClosed()).isTrue();
        SendResult result = http.send("p", new okhttp3.Request.Builder().url("http://127.0.0.1:9/x").build(),
                answer -> SendResult.accepted("never"));
        assertThat(result).isEqualTo(SendResult.retryable("p: HTTP client closed before the request was sent"));
    }
}
