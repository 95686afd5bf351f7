package dev.torpedo.sms.admin.testsend;

import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.FormNonce;
import dev.torpedo.sms.admin.ManualSends;
import dev.torpedo.sms.admin.MessageDescriptions;
import dev.torpedo.sms.admin.Texts;
import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.i18n.Reasons;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.phone.PhoneParseResult;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.SampleValues;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Testar": one approved message, with typical values, to any mobile, in every mode, paid from the store's
 * credits (the 10 free first). The message goes through the hook like any other, so the window, the suppression
 * list and the credits apply; it is debited when the dispatcher sends it. A typo in "Para", a store without sender
 * and contact, or a balance that cannot pay it is answered at once and records nothing.
 *
 * <pre>{@code
 * TestSendService.Outcome outcome = tests.send(user, new TestSendService.Form("(11) 91234-5678", "test-message", nonce));
 * outcome.messageId();   // the queued message, whose state view(user, id) describes
 * }</pre>
 */
public final class TestSendService {

    private final StoreSettingsRepository settings;
    private final MessageComposer composer;
    private final ManualSends sends;
    private final MessageRepository messages;
    private final CreditLedger ledger;
    private final TemplateCatalog catalog;
    private final TransactionTemplate tx;
    private final MessageDescriptions descriptions;
    private final PhoneNumberParser phones = new PhoneNumberParser();

    public TestSendService(StoreSettingsRepository settings, MessageComposer composer, ManualSends sends,
                           MessageRepository messages, CreditLedger ledger, TemplateCatalog catalog,
                           TransactionTemplate tx, MessageDescriptions descriptions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.sends = Objects.requireNonNull(sends, "manual sends");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tx = Objects.requireNonNull(tx, "transactions");
        this.descriptions = Objects.requireNonNull(descriptions, "descriptions");
    }

    /**
     * What the merchant typed.
     *
     * @param to       "Para", as typed
     * @param template the approved message's key
     * @param nonce    the form's one-time value: the same form sent twice sends once
     */
    public record Form(String to, String template, String nonce) {
    }

    /** The page: the form (as typed, with its errors), the messages to choose from, and a result. */
    public record View(String to, String template, Map<String, String> templates, Map<String, String> errors,
                       String refusal, MessageDescriptions.Described result, int balance) {
    }

    /** What {@link #send} did: a message id to show, or the form back with its errors or refusal. */
    public record Outcome(Long messageId, View view) {
        public boolean sent() {
            return messageId != null;
        }
    }

    public View view(AdminUser user, Long messageId) {
        MessageDescriptions.Described result = messageId == null ? null : messages.find(messageId)
                .filter(m -> m.storeId().equals(user.store()) && m.kind() == MessageKind.TEST)
                .map(m -> descriptions.describe(m, user.locale()))
                .orElse(null);
        return new View("", TemplateKey.TEST.value(), templates(user.locale()), Map.of(), null, result,
                ledger.balance(user.store()));
    }

    public Outcome send(AdminUser user, Form form) {
        Texts t = new Texts(user.locale());
        Map<String, String> errors = new LinkedHashMap<>();
        PhoneParseResult phone = phones.parse(Objects.requireNonNullElse(form.to(), ""));
        if (phone instanceof PhoneParseResult.Invalid invalid) {
            errors.put("to", invalid.message(user.locale()));
        }
        Optional<TemplateKey> template = templateOf(form.template());
        if (template.isEmpty()) {
            errors.put("template", t.get("test.template.error"));
        }
        if (!FormNonce.isValid(form.nonce())) {
            errors.put("form", t.get("test.form.expired"));
        }
        if (!errors.isEmpty()) {
            return refused(user, form, errors, null);
        }
        StoreSettings store = settings.find(user.store());
        if (!store.isComplete()) {
            return refused(user, form, errors, t.get("test.refused.not-configured"));
        }
        String key = "test:" + form.nonce();
        tx.executeWithoutResult(status -> ledger.grantFreeCredits(user.store()));
        ManualSends.Sent<Outcome> sent = sends.send(user, MessageKind.TEST, key, template.get(),
                () -> composer.test(store, template.get(), form.to(), SampleValues.TYPICAL, key),
                composed -> {
                    // Refused now rather than parked for credit: the merchant is trying the service.
                    int balance = ledger.balance(user.store());
                    return balance >= composed.text().credits() ? null : refused(user, form, errors,
                            t.get("test.refused.no-credit", composed.text().credits(), balance));
                });
        if (sent.stoppedBy() != null) {
            return sent.stoppedBy();
        }
        HookResult result = sent.result();
        if (result.outcome() == HookResult.Outcome.SKIPPED || result.outcome() == HookResult.Outcome.REJECTED) {
            return refused(user, form, errors, t.get("test.refused", Reasons.describe(result.reason(), user.locale())));
        }
        return new Outcome(messages.find(user.store(), key).map(m -> m.id()).orElseThrow(), null);
    }

    private Outcome refused(AdminUser user, Form form, Map<String, String> errors, String refusal) {
        return new Outcome(null, new View(Objects.requireNonNullElse(form.to(), ""),
                Objects.requireNonNullElse(form.template(), ""), templates(user.locale()), Map.copyOf(errors), refusal,
                null, ledger.balance(user.store())));
    }

    private Optional<TemplateKey> templateOf(String typed) {
        try {
            return typed == null ? Optional.empty() : catalog.find(TemplateKey.of(typed)).map(t -> t.key());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Key to title of every approved message, the test message first. */
    private Map<String, String> templates(Locale locale) {
        Texts t = new Texts(locale);
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put(TemplateKey.TEST.value(), t.get("template." + TemplateKey.TEST.value()));
        catalog.all().stream().map(template -> template.key().value())
                .forEach(key -> titles.putIfAbsent(key, t.get("template." + key)));
        return titles;
    }
}
