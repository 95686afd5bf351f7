package dev.torpedo.sms.impl.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How the shared HTTP client talks to providers.
 *
 * <pre>{@code
 * var settings = HttpSettings.defaults();                 // 2 s connect, 5 s read, 10 s per call, 64 in flight
 * var patient = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(20), 64);
 * }</pre>
 *
 * @param connectTimeout longest wait to open a connection (TCP and TLS)
 * @param readTimeout    longest silence while waiting for or reading the answer (also used for writes)
 * @param callTimeout    longest time one whole send may take, connection to last byte of the answer
 * @param maxRequests    requests in flight at once from this node, across every provider
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxRequests) {

    public HttpSettings {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readTimeout, "read timeout");
        requirePositive(callTimeout, "call timeout");
        if (maxRequests < 1 || maxRequests > 10_000) {
            throw new IllegalArgumentException("max requests is 1 to 10000: " + maxRequests);
        }
    }

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 64);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
