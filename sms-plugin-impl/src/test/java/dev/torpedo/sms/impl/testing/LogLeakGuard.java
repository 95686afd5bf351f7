package dev.torpedo.sms.impl.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails any test during which the plugin wrote a full phone number or one of the tests' secrets in a log line, at
 * any level: DEBUG lines are checked too, though not printed, since an operator may turn them on. Registered for
 * every test of every module (JUnit's extension autodetection, {@code META-INF/services}); a line logged between
 * tests, by a thread still running, fails the next one.
 *
 * <p>It looks at every logging call of a {@code dev.torpedo} logger, before the level decides whether the line is
 * written, through a Logback turbo filter that it puts back whenever a Spring Boot start has reset Logback. The
 * lines other loggers write (Spring, Tomcat, the drivers) are checked for the secrets too; not for numbers, since
 * the tests' own tools (WireMock) print the requests they were sent.
 */
public final class LogLeakGuard implements BeforeEachCallback, AfterEachCallback {

    /**
     * A Brazilian number written out: +55 and 10 or 11 digits, 55 and as many (how Zenvia takes it), 11 digits of
     * a mobile with its DDD, or "(11) 91234-5678". A masked number ("+55 11 9****-5678") is none of these.
     */
    static final Pattern FULL_NUMBER = Pattern.compile(
            "(?<![\\d+])(?:\\+?55\\d{10,11}|\\d{2}9\\d{8})(?!\\d)|\\(\\d{2}\\)\\s?\\d{4,5}-\\d{4}");
    /** Every secret the tests configure: tokens, signing secrets, webhook secrets. */
    static final List<String> SECRETS = List.of("zen-secret-7f3a9c", "twilio-token-5d21e8", "zen-token-9f8e7d6c5b4a",
            "twilio-auth-token-1a2b3c4d5e6f", "webhook-secret-0f1e2d3c4b5a", "a-test-secret-that-is-long-enough",
            "tok-123", "s3cret");

    /** Secrets that a module's tests add: the demo's passwords. */
    private static final Set<String> ADDED = ConcurrentHashMap.newKeySet();
    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static final Scanner SCANNER = new Scanner();

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        install();
        List<String> leaks = new ArrayList<>();
        for (String leak = LEAKS.poll(); leak != null; leak = LEAKS.poll()) {
            leaks.add(leak);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("The plugin logged a full phone number or a secret:\n  " + String.join("\n  ", leaks));
        }
    }

    private static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
                && !logback.getTurboFilterList().contains(SCANNER)) {
            SCANNER.start();
            logback.addTurboFilter(SCANNER);
        }
    }

    /** Makes {@code secrets} fail any test that logs one, as the tests' own secrets do. */
    public static void treatAsSecrets(Collection<String> secrets) {
        ADDED.addAll(secrets);
    }

    /** What in {@code line} is a full number or a secret, or {@code null}. */
    static String leakIn(String line) {
        var number = FULL_NUMBER.matcher(line);
        if (number.find()) {
            return number.group();
        }
        return secretIn(line);
    }

    private static String secretIn(String line) {
        return Stream.concat(SECRETS.stream(), ADDED.stream()).filter(line::contains).findFirst().orElse(null);
    }

    private static final class Scanner extends TurboFilter {

        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                                  Throwable error) {
            boolean ours = logger.getName().startsWith("dev.torpedo");
            if (format == null || !ours && !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
                return FilterReply.NEUTRAL;
            }
            var formatted = MessageFormatter.arrayFormat(format, params, error);
            StringBuilder line = new StringBuilder(formatted.getMessage());
            Throwable thrown = formatted.getThrowable() != null ? formatted.getThrowable() : error;
            for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            String leak = ours ? leakIn(line.toString()) : secretIn(line.toString());
            if (leak != null) {
                LEAKS.add(level + " " + logger.getName() + " [" + leak + "]: " + line);
            }
            return FilterReply.NEUTRAL;
        }
    }
}
