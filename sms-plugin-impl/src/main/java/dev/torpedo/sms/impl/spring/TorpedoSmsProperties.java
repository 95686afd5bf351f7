package dev.torpedo.sms.impl.spring;

import dev.torpedo.sms.impl.gateway.GuardOptions;
import dev.torpedo.sms.impl.gateway.HttpSettings;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSettings;
import dev.torpedo.sms.impl.gateway.webhook.WebhookSettings;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSettings;
import dev.torpedo.sms.impl.optout.UnsubscribeLinks;
import dev.torpedo.sms.impl.template.EncodingPolicy;
import org.springframework.core.env.Environment;
import org.springframework.format.datetime.standard.DurationFormatterUtils;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Every {@code torpedo.sms.*} property with its default, read once from the host's {@link Environment} (so a plain
 * Spring host and a Spring Boot host configure the plugin the same way). Durations take {@code 30s}, {@code 2m},
 * {@code 180d} or ISO-8601 ({@code PT2M}). Provider settings are grouped in their gateway's settings record;
 * tokens, passwords and secrets never appear in {@link #toString()}.
 *
 * <pre>{@code
 * TorpedoSmsProperties properties = TorpedoSmsProperties.from(environment);
 * properties.zenvia().from();          // torpedo.sms.zenvia.from
 * properties.http().callTimeout();     // torpedo.sms.http.call-timeout, 10 s unless set
 * }</pre>
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>torpedo.sms.liquibase.enabled</td><td>true</td><td>the plugin applies its own schema changelog</td></tr>
 *   <tr><td>torpedo.sms.gateway</td><td>sandbox</td><td>the provider: sandbox, zenvia, twilio or webhook, unless
 *       the host declares an SmsGateway bean</td></tr>
 *   <tr><td>torpedo.sms.zenvia.base-url</td><td>https://api.zenvia.com</td><td>Zenvia's API root</td></tr>
 *   <tr><td>torpedo.sms.zenvia.token</td><td>–</td><td>Zenvia API token (required for zenvia; secret)</td></tr>
 *   <tr><td>torpedo.sms.zenvia.from</td><td>–</td><td>Zenvia SMS sender id (required for zenvia)</td></tr>
 *   <tr><td>torpedo.sms.twilio.base-url</td><td>https://api.twilio.com</td><td>Twilio's API root</td></tr>
 *   <tr><td>torpedo.sms.twilio.account-sid</td><td>–</td><td>Twilio account SID (required for twilio)</td></tr>
 *   <tr><td>torpedo.sms.twilio.auth-token</td><td>–</td><td>Twilio auth token (required for twilio; secret)</td></tr>
 *   <tr><td>torpedo.sms.twilio.from</td><td>–</td><td>sending number, E.164 (this or the messaging service is
 *       required)</td></tr>
 *   <tr><td>torpedo.sms.twilio.messaging-service-sid</td><td>–</td><td>messaging service; sent instead of
 *       From when set</td></tr>
 *   <tr><td>torpedo.sms.twilio.status-callback-url</td><td>–</td><td>where Twilio posts delivery statuses</td></tr>
 *   <tr><td>torpedo.sms.webhook.url</td><td>–</td><td>where the webhook gateway posts (required for webhook;
 *       never printed)</td></tr>
 *   <tr><td>torpedo.sms.webhook.secret</td><td>–</td><td>HMAC-SHA256 key of X-Torpedo-Signature (required for
 *       webhook; secret)</td></tr>
 *   <tr><td>torpedo.sms.http.connect-timeout</td><td>2s</td><td>longest wait to connect to a provider</td></tr>
 *   <tr><td>torpedo.sms.http.read-timeout</td><td>5s</td><td>longest silence while waiting for an answer</td></tr>
 *   <tr><td>torpedo.sms.http.call-timeout</td><td>10s</td><td>longest time for one whole send</td></tr>
 *   <tr><td>torpedo.sms.http.max-requests</td><td>64</td><td>provider requests in flight at once per node</td></tr>
 *   <tr><td>torpedo.sms.gateway.rate-limit</td><td>30</td><td>most messages a second per node (0: no limit)</td></tr>
 *   <tr><td>torpedo.sms.gateway.breaker.failures</td><td>5</td><td>failures in a row that pause the provider</td></tr>
 *   <tr><td>torpedo.sms.gateway.breaker.cool-down</td><td>30s</td><td>how long the pause lasts before a trial
 *       send</td></tr>
 *   <tr><td>torpedo.sms.encoding-policy</td><td>transliterate</td><td>or {@code unicode}: keep accents, pay UCS-2</td></tr>
 *   <tr><td>torpedo.sms.max-segments</td><td>1</td><td>most segments (credits) one message may take</td></tr>
 *   <tr><td>torpedo.sms.window.skip-sundays</td><td>false</td><td>no messages on Sundays</td></tr>
 *   <tr><td>torpedo.sms.window.skip-national-holidays</td><td>false</td><td>no messages on national holidays</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.enabled</td><td>true</td><td>this node sends (turn off on nodes that must not)</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.node-id</td><td>random</td><td>names this node's leases</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.batch-size</td><td>100</td><td>rows claimed per transaction</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.concurrency</td><td>8</td><td>sends in flight per node</td></tr>
 *   <tr><td>torpedo.sms.dispatcher.batches-in-flight</td><td>1</td><td>threads claiming at once per node, sharing
 *   the senders</td></tr>
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
 *   <tr><td>torpedo.sms.unsubscribe.link-base</td><td>none</td><td>what an alert's "Sair:" link starts with, such as
 *   loja.com.br/sair; with the secret, stores may enable the link</td></tr>
 *   <tr><td>torpedo.sms.unsubscribe.secret</td><td>none</td><td>signs the links (32+ characters, never logged)</td></tr>
 *   <tr><td>torpedo.sms.restock.subscription-expiry</td><td>90d</td><td>an "Avise-me" signup no restock reached by
 *   then lapses, and its number is erased</td></tr>
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
        int batchesInFlight,
        Duration pollInterval,
        Duration lease,
        Duration retryBase,
        Duration retryMax,
        Duration maxAge,
        int subscribersPerUnit,
        int minWave,
        int maxWave,
        Duration waveInterval,
        Duration retention,
        Duration subscriptionExpiry,
        Optional<UnsubscribeLinks> unsubscribeLinks,
        HttpSettings http,
        GuardOptions guard,
        ZenviaSettings zenvia,
        TwilioSettings twilio,
        WebhookSettings webhook) {

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
                integer(env, "dispatcher.batches-in-flight", 1),
                duration(env, "dispatcher.poll-interval", "1s"),
                duration(env, "dispatcher.lease", "2m"),
                duration(env, "dispatcher.retry-base", "30s"),
                duration(env, "dispatcher.retry-max", "1h"),
                duration(env, "dispatcher.max-age", "24h"),
                integer(env, "restock.subscribers-per-unit", 3),
                integer(env, "restock.min-wave", 100),
                integer(env, "restock.max-wave", 5000),
                duration(env, "restock.wave-interval", "15m"),
                duration(env, "retention", "180d"),
                duration(env, "restock.subscription-expiry", "90d"),
                unsubscribeLinks(env),
                new HttpSettings(
                        duration(env, "http.connect-timeout", "2s"),
                        duration(env, "http.read-timeout", "5s"),
                        duration(env, "http.call-timeout", "10s"),
                        integer(env, "http.max-requests", 64)),
                new GuardOptions(
                        env.getProperty(PREFIX + "gateway.rate-limit", Double.class, 30d),
                        integer(env, "gateway.breaker.failures", 5),
                        duration(env, "gateway.breaker.cool-down", "30s"),
                        GuardOptions.defaults().maxWait()),
                new ZenviaSettings(
                        text(env, "zenvia.base-url", ZenviaSettings.DEFAULT_BASE_URL),
                        text(env, "zenvia.token", null),
                        text(env, "zenvia.from", null)),
                new TwilioSettings(
                        text(env, "twilio.base-url", TwilioSettings.DEFAULT_BASE_URL),
                        text(env, "twilio.account-sid", null),
                        text(env, "twilio.auth-token", null),
                        text(env, "twilio.from", null),
                        text(env, "twilio.messaging-service-sid", null),
                        text(env, "twilio.status-callback-url", null)),
                new WebhookSettings(
                        text(env, "webhook.url", null),
                        text(env, "webhook.secret", null)));
    }

    /** A text property, stripped; blank counts as unset. */
    private static String text(Environment env, String key, String defaultValue) {
        String value = env.getProperty(PREFIX + key);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static boolean bool(Environment env, String key, boolean defaultValue) {
        return env.getProperty(PREFIX + key, Boolean.class, defaultValue);
    }

    private static int integer(Environment env, String key, int defaultValue) {
        return env.getProperty(PREFIX + key, Integer.class, defaultValue);
    }

    /** Links need both the base the SMS shows and the secret that signs them; with one missing there are none. */
    private static Optional<UnsubscribeLinks> unsubscribeLinks(Environment env) {
        String base = env.getProperty(PREFIX + "unsubscribe.link-base");
        String secret = env.getProperty(PREFIX + "unsubscribe.secret");
        if (base == null || base.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new UnsubscribeLinks(base.strip(), secret));
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
