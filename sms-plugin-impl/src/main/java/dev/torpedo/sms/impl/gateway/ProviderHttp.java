package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.api.spi.SendResult;
import okhttp3.HttpUrl;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one HTTP client every provider gateway of a node shares (connection pool, timeouts, a bound on requests in
 * flight), and the rules that turn an HTTP exchange into a {@link SendResult}. Close it when the context stops.
 *
 * <p>What a failed exchange means depends on how far it got, which an OkHttp {@link EventListener} records per call:
 * <ul>
 *   <li>it failed <b>before the request started to be written</b> (DNS, refused connection, connect timeout, TLS):
 *       the provider cannot have it, so it is {@linkplain SendResult.Retryable retryable};</li>
 *   <li>it failed <b>after</b> (connection reset, timeout waiting for the answer, an empty answer): the provider may
 *       have it, so it is {@linkplain SendResult.Ambiguous ambiguous} and never resent blindly.</li>
 * </ul>
 * OkHttp's own silent retry is off for the same reason: it could repeat a request whose first copy arrived.
 * Redirects are not followed: a POST answered with a redirect was not taken (wrong base URL).
 *
 * <pre>{@code
 * try (var http = new ProviderHttp(HttpSettings.defaults())) {
 *     SendResult result = http.send("zenvia", request, answer -> answer.isSuccess()
 *             ? SendResult.accepted(idOf(answer.body()))
 *             : ProviderHttp.byStatus("zenvia", answer, clock, null, null));
 * }
 * }</pre>
 */
public final class ProviderHttp implements AutoCloseable {

    /** Enough for any provider's answer to one send; a larger body is cut (and then fails to parse). */
    static final long MAX_BODY_BYTES = 64 * 1024;

    /** The longest Retry-After honoured: a provider asking for more is asking for a day at most. */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    /** Runs of digits that may be a phone number, in the text a provider sends back (Twilio quotes the 'To'). */
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\d[\\d ().\\-]{5,}\\d");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

    private final HttpSettings settings;
    private final OkHttpClient client;
    /** The bound on requests in flight: calls run on the sender's own thread, so OkHttp's dispatcher does not apply. */
    private final Semaphore inFlight;
    private volatile boolean closed;

    public ProviderHttp(HttpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inFlight = new Semaphore(settings.maxRequests());
        this.client = new OkHttpClient.Builder()
                // Idle connections are dropped after 30 s, before the providers' load balancers (60 s and more)
                // close them under us: a POST on a connection the server already closed would be ambiguous.
                .connectionPool(new ConnectionPool(Math.min(settings.maxRequests(), 32), 30, TimeUnit.SECONDS))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(call -> {
                    Progress progress = call.request().tag(Progress.class);
                    return progress == null ? EventListener.NONE : progress;
                })
                .build();
    }

    public HttpSettings settings() {
        return settings;
    }

    /**
     * Sends {@code request} and returns what {@code reader} makes of the answer, or, when no answer came, a
     * retryable or ambiguous result depending on whether the request had started to leave. Never throws for
     * network trouble; {@code provider} names the gateway in the reasons.
     */
    public SendResult send(String provider, Request request, Function<HttpAnswer, SendResult> reader) {
        if (closed) {
            return SendResult.retryable(provider + ": HTTP client closed before the request was sent");
        }
        Progress progress = new Progress();
        Exchange exchange = exchange(provider, request, progress);
        if (exchange.answer() == null) {
            return failed(provider, progress, exchange.error());
        }
        return Objects.requireNonNull(reader.apply(exchange.answer()), "the reader's result");
    }

    /**
     * A request that changes nothing at the provider (a lookup): what {@code reader} makes of the answer, or
     * {@code onFailure} when none came. Never throws for network trouble.
     */
    public <T> T call(String provider, Request request, Function<HttpAnswer, T> reader, T onFailure) {
        if (closed) {
            return onFailure;
        }
        Exchange exchange = exchange(provider, request, new Progress());
        return exchange.answer() == null ? onFailure : Objects.requireNonNull(reader.apply(exchange.answer()),
                "the reader's result");
    }

    /** An answer, or the error that kept it from coming. */
    private record Exchange(HttpAnswer answer, IOException error) {
    }

    private Exchange exchange(String provider, Request request, Progress progress) {
        Call call = client.newCall(request.newBuilder().tag(Progress.class, progress).build());
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(null, new InterruptedIOException("interrupted"));
        }
        // Executed on the caller's thread (a dispatcher's sender): handing each call to another thread and
        // back costs two thread switches a message, a fair share of a send's CPU.
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            if (e instanceof InterruptedIOException && "interrupted".equals(e.getMessage())) {
                // Okio cleared the thread's interrupt when it noticed it: keep it for the caller.
                Thread.currentThread().interrupt();
            }
            return new Exchange(null, e);
        } finally {
            inFlight.release();
        }
        HttpAnswer answer;
        try (response) {
            String body;
            try {
                body = response.peekBody(MAX_BODY_BYTES).string();
            } catch (IOException e) {
                // The status line arrived but the body did not: the status still tells most of the story.
                log.debug("{}: HTTP {} with an unreadable body ({})", provider, response.code(),
                        e.getClass().getSimpleName());
                body = null;
            }
            answer = new HttpAnswer(response.code(), body, response.header("Retry-After"));
        }
        log.debug("{}: answered HTTP {}", provider, answer.status());
        return new Exchange(answer, null);
    }

    private static SendResult failed(String provider, Progress progress, Throwable error) {
        String what = describe(error);
        if (progress.requestStarted()) {
            return SendResult.ambiguous(provider + ": " + what + " after the request was sent"
                    + (progress.requestSent() ? "" : " in part") + "; the provider may have taken it");
        }
        return SendResult.retryable(provider + ": " + what + " before the request was sent");
    }

    /** The kind of failure, never the exception's message: it may name hosts, URLs or more. */
    private static String describe(Throwable error) {
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        if (error instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (error instanceof InterruptedIOException) {
            // OkHttp's own fixed message for the call timeout.
            return "timeout".equals(error.getMessage()) ? "call timeout" : "interrupted";
        }
        if (error instanceof UnknownHostException) {
            return "unknown host";
        }
        if (error instanceof SSLException) {
            return "TLS failure";
        }
        return "I/O failure (" + (error == null ? "unknown" : error.getClass().getSimpleName()) + ")";
    }

    /**
     * The usual meaning of a status that is not a success, for any provider. {@code code} is the provider's own
     * error code, {@code detail} its explanation (both may be null; the detail is made safe for logs here).
     * <ul>
     *   <li>429, 408, 500, 502, 503: retryable (nothing was taken), after Retry-After when given;</li>
     *   <li>401, 403, 404 and redirects: retryable; the gateway's credentials or URL are wrong, the message is not,
     *       and the circuit breaker pauses the provider until they are fixed;</li>
     *   <li>any other 4xx: permanent (the provider refuses this message);</li>
     *   <li>504 and any other status: ambiguous, the provider may have taken it (a gateway timed out waiting).</li>
     * </ul>
     */
    public static SendResult byStatus(String provider, HttpAnswer answer, Clock clock, String code, String detail) {
        int status = answer.status();
        String safeCode = code == null || code.isBlank() ? null : safeText(code, 40);
        String explained = detail == null || detail.isBlank() ? "" : " (" + safeText(detail, 120) + ")";
        // A permanent refusal's code is recorded next to its reason (the dispatcher appends it): not twice.
        String what = provider + ": HTTP " + status + (safeCode == null ? "" : " " + safeCode) + explained;
        Duration retryAfter = retryAfter(answer.retryAfter(), clock);
        if (status == 429) {
            return SendResult.retryable(what + ": rate limited", retryAfter);
        }
        if (status == 408 || status == 500 || status == 502 || status == 503) {
            return SendResult.retryable(what + ": nothing was taken", retryAfter);
        }
        if (status == 401 || status == 403 || status == 404 || (status >= 300 && status < 400)) {
            return SendResult.retryable(what + ": check the gateway's credentials and URL", retryAfter);
        }
        if (status >= 400 && status < 500) {
            return SendResult.permanent(provider + ": HTTP " + status + explained,
                    safeCode == null ? String.valueOf(status) : safeCode);
        }
        return SendResult.ambiguous(what + ": the provider may have taken it");
    }

    /**
     * A {@code Retry-After} header as a wait from now: seconds ({@code 120}) or an HTTP date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}); {@code null} when absent or unreadable. At most a day.
     */
    /**
     * The provider's base URL, once its settings are complete: a gateway refuses to be built with a setting
     * missing (named, never its value) or a URL that is not http(s).
     */
    public static HttpUrl baseUrl(String provider, List<String> missingSettings, String url) {
        if (!missingSettings.isEmpty()) {
            throw new IllegalArgumentException(provider + " needs " + String.join(", ", missingSettings));
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException(provider + "'s URL is not an http(s) URL");
        }
        return parsed;
    }

    public static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    /**
     * A provider's text made fit for a log line and the merchant's message list: anything that looks like a phone
     * number becomes {@code [number]}, control characters go, and it is cut to {@code max} characters.
     */
    public static String safeText(String text, int max) {
        if (text == null) {
            return null;
        }
        String safe = CONTROL.matcher(NUMBER_LIKE.matcher(text).replaceAll("[number]")).replaceAll(" ").strip();
        return safe.length() <= max ? safe : safe.substring(0, max - 3) + "...";
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Refuses further sends and closes the idle connections. Sends in flight finish or time out. */
    @Override
    public void close() {
        closed = true;
        client.connectionPool().evictAll();
    }

    /** How far one call got; OkHttp calls it from the call's own thread, the sender reads it afterwards. */
    static final class Progress extends EventListener {
        private volatile boolean requestStarted;
        private volatile boolean requestSent;

        @Override
        public void requestHeadersStart(Call call) {
            requestStarted = true;
        }

        @Override
        public void requestBodyEnd(Call call, long byteCount) {
            requestSent = true;
        }

        boolean requestStarted() {
            return requestStarted;
        }

        boolean requestSent() {
            return requestSent;
        }
    }
}
