package dev.torpedo.sms.impl.spring;

import dev.torpedo.sms.impl.template.EncodingPolicy;
import org.springframework.core.env.Environment;
import org.springframework.format.datetime.standard.DurationFormatterUtils;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Every {@code torpedo.sms.*} property with its default, read once from the host's {@link Environment} (so a plain
 * Spring host and a Spring Boot host configure the plugin the same way). Durations take {@code 30s}, {@code 2m},
 * {@code 180d} or ISO-8601 ({@code PT2M}).
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>torpedo.sms.liquibase.enabled</td><td>true</td><td>the plugin applies its own schema changelog</td></tr>
 *   <tr><td>torpedo.sms.gateway</td><td>sandbox</td><td>the provider, unless the host declares an SmsGateway bean</td></tr>
 *   <tr><td>torpedo.sms.encoding-policy</td><td>transliterate</td><td>or {@code unicode}: keep accents, pay UCS-2</td></tr>
 *   <tr><td>torpedo.sms.max-segments</td><td>1</td><td>most segments (credits) one message may take</td></tr>
 *   <tr><td>torpedo.sms.window.skip-sundays</td><td>false</td><td>no messages on Sundays</td></tr>
 *   <tr><td>torpedo.sms.window.skip-national-holidays</td><td>false</td><td>no messages on national holidays</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.enabled</td><td>true</td><td>this node sends (turn off on nodes that must not)</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.node-id</td><td>random</td><td>names this node's leases</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.batch-size</td><td>100</td><td>rows claimed per transaction</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.concurrency</td><td>8</td><td>sends in flight per node</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.poll-interval</td><td>1s</td><td>pause when there was nothing to do</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.lease</td><td>2m</td><td>after this a claimed row without outcome is UNCERTAIN</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.retry-base</td><td>30s</td><td>first backoff of a retryable failure</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.retry-max</td><td>1h</td><td>longest backoff</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.max-age</td><td>24h</td><td>after this a failing message ends FAILED, refunded</td></tr>
 *   <tr><td>torpedo.sms.restock.subscribers-per-unit</td><td>3</td><td>shoppers told per unit restocked, per wave</td></tr>
 *   <tr><td>torpedo.sms.restock.min-wave</td><td>100</td><td>smallest wave</td></tr>
 *   <tr><td>torpedo.sms.restock.max-wave</td><td>5000</td><td>largest wave</td></tr>
 *   <tr><td>torpedo.sms.restock.wave-interval</td><td>15m</td><td>pause between waves</td></tr>
 *   <tr><td>torpedo.sms.retention</td><td>180d</td><td>phone numbers and texts are purged after this</td></tr>
 * </table>
 */
public record TorpedoSmsProperties(
        boolean liquibaseEnabled,
        String gateway,
        EncodingPolicy encodingPolicy,
        int maxSegments,
        boolean skipSundays,
        boolean skipNationalHolidays,
        boolean dispatcherEnabled,
        String nodeId,
        int batchSize,
        int concurrency,
        Duration pollInterval,
        Duration lease,
        Duration retryBase,
        Duration retryMax,
        Duration maxAge,
        int subscribersPerUnit,
        int minWave,
        int maxWave,
        Duration waveInterval,
        Duration retention) {

    static final String PREFIX = "torpedo.sms.";

    public static TorpedoSmsProperties from(Environment env) {
        return new TorpedoSmsProperties(
                bool(env, "liquibase.enabled", true),
                env.getProperty(PREFIX + "gateway", "sandbox").strip().toLowerCase(Locale.ROOT),
                EncodingPolicy.valueOf(env.getProperty(PREFIX + "encoding-policy", "transliterate")
                        .strip().toUpperCase(Locale.ROOT)),
                integer(env, "max-segments", 1),
                bool(env, "window.skip-sundays", false),
                bool(env, "window.skip-national-holidays", false),
                bool(env, "dispatcher.enabled", true),
                env.getProperty(PREFIX + "dispatcher.node-id", "node-" + UUID.randomUUID().toString().substring(0, 8)),
                integer(env, "dispatcher.batch-size", 100),
                integer(env, "dispatcher.concurrency", 8),
                duration(env, "dispatcher.poll-interval", "1s"),
                duration(env, "dispatcher.lease", "2m"),
                duration(env, "dispatcher.retry-base", "30s"),
                duration(env, "dispatcher.retry-max", "1h"),
                duration(env, "dispatcher.max-age", "24h"),
                integer(env, "restock.subscribers-per-unit", 3),
                integer(env, "restock.min-wave", 100),
                integer(env, "restock.max-wave", 5000),
                duration(env, "restock.wave-interval", "15m"),
                duration(env, "retention", "180d"));
    }

    private static boolean bool(Environment env, String key, boolean defaultValue) {
        return env.getProperty(PREFIX + key, Boolean.class, defaultValue);
    }

    private static int integer(Environment env, String key, int defaultValue) {
        return env.getProperty(PREFIX + key, Integer.class, defaultValue);
    }

    private static Duration duration(Environment env, String key, String defaultValue) {
        String value = env.getProperty(PREFIX + key, defaultValue).strip();
        try {
            return DurationFormatterUtils.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + key + " is a duration such as 30s, 2m or PT2M, not '" + value + "'", e);
        }
    }
}
