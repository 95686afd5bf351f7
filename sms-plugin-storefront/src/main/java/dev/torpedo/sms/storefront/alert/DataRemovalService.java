package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.i18n.LocalTimes;
import dev.torpedo.sms.impl.i18n.Messages;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.phone.PhoneParseResult;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.ratelimit.RateLimits;
import dev.torpedo.sms.impl.retention.DataRemoval;
import dev.torpedo.sms.impl.retention.RemovalCodes;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.TemplateVariables;
import dev.torpedo.sms.impl.window.SendWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Remover meus dados": the shopper asks for a one-time code by SMS, types it back, and the number is erased from
 * every table of the plugin ({@link DataRemoval}). The code's SMS is paid from the store's credits, like any other,
 * and shows in its message log as such (its text hidden); a store without credit, or a number that no longer
 * receives SMS, cannot prove the number this way, and the page sends the shopper to the store's contact.
 */
public final class DataRemovalService {

    /** How long a code is good once it can arrive: the window may hold it until 09:00. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(30);
    private static final Messages TEXTS = Messages.bundle("dev.torpedo.sms.storefront.messages");

    private final StoreSettingsRepository settings;
    private final MessageComposer composer;
    private final TorpedoSmsHook hook;
    private final SuppressionList suppressions;
    private final CreditLedger ledger;
    private final RemovalCodes codes;
    private final DataRemoval removal;
    private final RateLimits rateLimits;
    private final AlertSignupService.Limits limits;
    private final SendWindow window;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PhoneNumberParser phones = new PhoneNumberParser();

    public DataRemovalService(StoreSettingsRepository settings, MessageComposer composer, TorpedoSmsHook hook,
                              SuppressionList suppressions, CreditLedger ledger, RemovalCodes codes,
                              DataRemoval removal, RateLimits rateLimits, AlertSignupService.Limits limits,
                              SendWindow window, TransactionTemplate tx, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.removal = Objects.requireNonNull(removal, "removal");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rate limits");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.window = Objects.requireNonNull(window, "window");
        this.tx = Objects.requireNonNull(tx, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Where a request stands.
     *
     * @param requestId the request to type the code for, or {@code null} when no code was sent
     * @param phoneError the error beside "Celular", or {@code null}
     * @param message   what the shopper reads
     */
    public record Requested(Long requestId, String phoneError, String message, boolean rateLimited) {
        public boolean codeSent() {
            return requestId != null;
        }
    }

    /** What a typed code did. */
    public record Confirmed(boolean removed, String codeError, String message) {
    }

    public Requested request(StoreId storeId, String typedPhone, String clientAddress, Locale locale) {
        if (!rateLimits.tryHit("removal-ip", clientAddress, limits.perAddress())) {
            return new Requested(null, null, TEXTS.text("alert.rate-limited", locale), true);
        }
        PhoneParseResult phone = phones.parse(Objects.requireNonNullElse(typedPhone, ""));
        if (phone instanceof PhoneParseResult.Invalid invalid) {
            return new Requested(null, invalid.message(locale), TEXTS.text("alert.invalid", locale), false);
        }
        MobileNumber number = phone.number().orElseThrow();
        if (!rateLimits.tryHit("removal-phone", number.e164(), limits.perPhone())) {
            return new Requested(null, null, TEXTS.text("alert.rate-limited", locale), true);
        }
        StoreSettings store = settings.find(Objects.requireNonNull(storeId, "store"));
        if (!store.isComplete() || ledger.balance(store.storeId()) < 1 || suppressions.isSuppressed(number)) {
            return new Requested(null, null, TEXTS.text("removal.cannot-send", locale), false);
        }
        Instant now = clock.instant();
        Instant arrives = window.nextOpening(number, now);
        Long id = tx.execute(status -> {
            RemovalCodes.Issued issued = codes.issue(store.storeId(), number, arrives.plus(CODE_LIFETIME));
            String key = "removal:" + issued.id();
            HookResult result = hook.manual(MessageKind.DATA_REMOVAL, store.storeId(), key, TemplateKey.DATA_REMOVAL_CODE,
                    () -> composer.test(store, TemplateKey.DATA_REMOVAL_CODE, number.e164(),
                            Map.of(TemplateVariables.CODE, issued.code()), key));
            if (result.outcome() != HookResult.Outcome.QUEUED) {
                status.setRollbackOnly();
                return null;
            }
            return issued.id();
        });
        if (id == null) {
            return new Requested(null, null, TEXTS.text("removal.cannot-send", locale), false);
        }
        String when = arrives.isAfter(now)
                ? LocalTimes.describe(arrives, window.localZone(number), now, locale)
                : TEXTS.text("removal.arrives-now", locale);
        return new Requested(id, null, TEXTS.text("removal.code-sent", locale, number.masked(), when), false);
    }

    public Confirmed confirm(StoreId store, long requestId, String typedCode, Locale locale) {
        RemovalCodes.Check check = codes.check(requestId, store, typedCode);
        if (check instanceof RemovalCodes.Check.Proved proved) {
            removal.remove(proved.number());
            return new Confirmed(true, null, TEXTS.text("removal.done", locale, proved.number().masked()));
        }
        if (check instanceof RemovalCodes.Check.Wrong wrong && wrong.attemptsLeft() > 0) {
            return new Confirmed(false, TEXTS.text("removal.code.wrong", locale, wrong.attemptsLeft()), null);
        }
        return new Confirmed(false, null, TEXTS.text("removal.gone", locale));
    }
}
