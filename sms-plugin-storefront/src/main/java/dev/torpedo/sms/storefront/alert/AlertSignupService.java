package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.StockLevels;
import dev.torpedo.sms.impl.phone.NumbersInText;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.i18n.Messages;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.phone.PhoneParseResult;
import dev.torpedo.sms.impl.ratelimit.RateLimits;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Avise-me": whether a product page offers the signup, and the signup itself. Offered only for a sold-out
 * product of a store whose mode sends restock alerts (4 to 6) while the host has "Controle de estoque" and
 * "Aviso de disponibilidade" on, the same rule the restock fan-out applies. A signup needs a Brazilian mobile and
 * the shopper's consent, which is recorded with its text's version, the time and the channel. No MVC here: the
 * storefront's controller and a host's own pages call it.
 *
 * <pre>{@code
 * AlertSignupService.View view = alerts.fragment(store, "caneca-azul", null, alreadyAsked, locale);
 * AlertSignupService.Result result = alerts.signup(new AlertSignupService.Signup(store, "caneca-azul", null,
 *         "(11) 91234-5678", true, "", AlertSignupService.WEB, request.getRemoteAddr()), locale);
 * }</pre>
 */
public final class AlertSignupService {

    /** The version of the consent text in the storefront's bundle ({@code alert.consent}); change both together. */
    public static final String CONSENT_VERSION = "avise-me-2026-12";
    /** The storefront's form and its JSON API, as the consent's channel. */
    public static final String WEB = "web";
    public static final String JSON = "json";
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(90);

    private static final Logger log = LoggerFactory.getLogger(AlertSignupService.class);
    private static final Messages TEXTS = Messages.bundle("dev.torpedo.sms.storefront.messages");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final StoreSettingsRepository settings;
    private final MessageComposer composer;
    private final StockLevels stock;
    private final SubscriptionRepository subscriptions;
    private final Duration expiry;
    private final RateLimits rateLimits;
    private final Limits limits;
    private final Clock clock;
    private final PhoneNumberParser phones = new PhoneNumberParser();

    public AlertSignupService(StoreSettingsRepository settings, MessageComposer composer, StockLevels stock,
                              SubscriptionRepository subscriptions, Duration expiry, RateLimits rateLimits,
                              Limits limits, Clock clock) {
        this.rateLimits = Objects.requireNonNull(rateLimits, "rate limits");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.stock = Objects.requireNonNull(stock, "stock levels");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("Signups expire after a positive time, not " + expiry);
        }
    }

    /**
     * A shopper's signup, as sent.
     *
     * @param honeypot the field people never see; anything in it means a script filled the form
     * @param channel  {@link #WEB} or {@link #JSON}
     */
    public record Signup(StoreId store, String productId, String skuId, String phone, boolean consent,
                         String honeypot, String channel, String clientAddress) {
    }

    /**
     * How often one client address and one phone number may sign up; the defaults stop a script, not a shopper.
     *
     * @param perAddress signups from one IP address
     * @param perPhone   signups of one number, over every product
     */
    public record Limits(RateLimits.Limit perAddress, RateLimits.Limit perPhone) {
        public static Limits defaults() {
            return new Limits(new RateLimits.Limit(20, Duration.ofMinutes(10)), new RateLimits.Limit(5, Duration.ofHours(1)));
        }
    }

    /** What became of a signup. */
    public enum Outcome {
        /** Signed up now. */
        SUBSCRIBED,
        /** The number already waited for this product: one subscription, as before. */
        ALREADY_SUBSCRIBED,
        /** A field is wrong: see the errors. */
        INVALID,
        /** The store offers no alert for this product now (mode, host features, product in stock). */
        UNAVAILABLE,
        /** A script filled the honeypot: answered like a success, nothing recorded. */
        IGNORED,
        /** Too many signups from the address or for the number: try later. */
        RATE_LIMITED
    }

    /**
     * @param errors  field ({@code phone}, {@code consent}) to its message, for {@link Outcome#INVALID}
     * @param message what the shopper reads
     */
    public record Result(Outcome outcome, Map<String, String> errors, String message) {
        public boolean accepted() {
            return outcome == Outcome.SUBSCRIBED || outcome == Outcome.ALREADY_SUBSCRIBED || outcome == Outcome.IGNORED;
        }
    }

    /**
     * The fragment's content for a product page.
     *
     * @param shown            whether the page offers the signup at all
     * @param alreadySubscribed the shopper signed up for it from this browser before
     */
    public record View(boolean shown, boolean alreadySubscribed, String productId, String skuId) {
    }

    /** The rate limits in force (the storefront's other forms share them). */
    public Limits limits() {
        return limits;
    }

    /** Whether the product's page offers "Avise-me", and whether this browser already asked. */
    public View fragment(StoreId store, String productId, String skuId, boolean askedFromThisBrowser) {
        boolean shown = isId(productId) && (skuId == null || skuId.isBlank() || isId(skuId))
                && unavailableReason(store, productId, skuId) == null;
        return new View(shown, shown && askedFromThisBrowser, productId, skuId == null ? "" : skuId);
    }

    public Result signup(Signup signup, Locale locale) {
        if (!rateLimits.tryHit("alert-ip", signup.clientAddress(), limits.perAddress())) {
            log.info("Avise-me refused: too many signups from one address");
            return new Result(Outcome.RATE_LIMITED, Map.of(), TEXTS.text("alert.rate-limited", locale));
        }
        if (!isId(signup.productId()) || !(signup.skuId() == null || signup.skuId().isBlank() || isId(signup.skuId()))) {
            return new Result(Outcome.UNAVAILABLE, Map.of(), TEXTS.text("alert.unavailable", locale));
        }
        String unavailable = unavailableReason(signup.store(), signup.productId(), signup.skuId());
        if (unavailable != null) {
            log.info("Avise-me refused for product {} of store {}: {}", NumbersInText.masked(signup.productId()),
                    signup.store(), unavailable);
            return new Result(Outcome.UNAVAILABLE, Map.of(), TEXTS.text("alert.unavailable", locale));
        }
        if (signup.honeypot() != null && !signup.honeypot().isEmpty()) {
            log.info("Avise-me for product {} of store {} ignored: the honeypot field was filled",
                    NumbersInText.masked(signup.productId()), signup.store());
            return new Result(Outcome.IGNORED, Map.of(), TEXTS.text("alert.subscribed", locale));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        PhoneParseResult phone = phones.parse(Objects.requireNonNullElse(signup.phone(), ""));
        if (phone instanceof PhoneParseResult.Invalid invalid) {
            errors.put("phone", invalid.message(locale));
        }
        if (!signup.consent()) {
            errors.put("consent", TEXTS.text("alert.consent.error", locale));
        }
        if (!errors.isEmpty()) {
            return new Result(Outcome.INVALID, Map.copyOf(errors), TEXTS.text("alert.invalid", locale));
        }
        MobileNumber mobile = phone.number().orElseThrow();
        if (!rateLimits.tryHit("alert-phone", mobile.e164(), limits.perPhone())) {
            log.info("Avise-me refused: too many signups for {}", mobile.masked());
            return new Result(Outcome.RATE_LIMITED, Map.of(), TEXTS.text("alert.rate-limited", locale));
        }
        if (subscriptions.isActive(signup.store(), signup.productId(), signup.skuId(), mobile)) {
            return new Result(Outcome.ALREADY_SUBSCRIBED, Map.of(), TEXTS.text("alert.already", locale));
        }
        var now = clock.instant();
        subscriptions.subscribe(signup.store(), signup.productId(), signup.skuId(), mobile,
                new SubscriptionRepository.Consent(CONSENT_VERSION, now, signup.channel()), now.plus(expiry));
        log.info("Avise-me: {} waits for product {} of store {}", mobile.masked(), signup.productId(), signup.store());
        return new Result(Outcome.SUBSCRIBED, Map.of(), TEXTS.text("alert.subscribed", locale));
    }

    /** Why the product offers no alert now, or {@code null} when it does. */
    private String unavailableReason(StoreId store, String productId, String skuId) {
        StoreSettings storeSettings = settings.find(store);
        if (!storeSettings.mode().notifiesRestock()) {
            return "mode-off";
        }
        if (!composer.alertsAvailable(storeSettings)) {
            return "alerts-paused";
        }
        if (stock.isInStock(store, productId, skuId == null || skuId.isBlank() ? null : skuId)) {
            return "in-stock";
        }
        return null;
    }

    private static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
