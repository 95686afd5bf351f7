package dev.torpedo.sms.admin.settings;

import dev.torpedo.sms.admin.Texts;
import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderResult;
import dev.torpedo.sms.impl.template.SampleValues;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The "Envio de SMS" section of "Dados da loja": reads a store's settings for the form, checks what the merchant
 * typed with the api's value types and the mode table, saves all of it or nothing, and previews every approved
 * message with the sender and contact. No MVC here: a host may call it to embed the section in its own page.
 *
 * <pre>{@code
 * SettingsView view = settings.view(store, locale);                 // the saved settings
 * SettingsService.Saved saved = settings.save(store, form, locale); // saved, or the form back with its errors
 * }</pre>
 */
public final class SettingsService {

    private final StoreSettingsRepository settings;
    private final StoreProfiles profiles;
    private final TemplateCatalog catalog;
    private final MessageRenderer renderer;

    public SettingsService(StoreSettingsRepository settings, StoreProfiles profiles, TemplateCatalog catalog,
                           MessageRenderer renderer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.profiles = Objects.requireNonNull(profiles, "store profiles");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** What {@link #save} did: saved, or not, with the form as typed and its errors. */
    public record Saved(boolean saved, SettingsView view) {
    }

    /** The store's saved settings, as the form shows them. */
    public SettingsView view(StoreId store, Locale locale) {
        StoreSettings saved = settings.find(store);
        SettingsForm form = new SettingsForm(Integer.toString(saved.mode().code()),
                saved.senderIfSet().map(Sender::value).orElse(""), saved.contactIfSet().map(Contact::value).orElse(""),
                saved.unsubscribeLink());
        return read(store, form, locale).view().withoutErrors();
    }

    /** The form as typed, checked, with the preview for its sender and contact; nothing is saved. */
    public SettingsView preview(StoreId store, SettingsForm form, Locale locale) {
        return read(store, form, locale).view();
    }

    /** Saves the whole form, or nothing when any field is wrong. */
    public Saved save(StoreId store, SettingsForm form, Locale locale) {
        Reading reading = read(store, form, locale);
        if (reading.view().hasErrors()) {
            return new Saved(false, reading.view());
        }
        settings.save(new StoreSettings(store, reading.mode(), reading.sender(), reading.contact(), form.unsubscribeLink()));
        return new Saved(true, view(store, locale));
    }

    /** The form checked field by field: the valid values, and the view with every error. */
    private record Reading(SmsMode mode, Sender sender, Contact contact, SettingsView view) {
    }

    private Reading read(StoreId store, SettingsForm form, Locale locale) {
        Texts t = new Texts(locale);
        Optional<StoreProfile> profile = profiles.profileOf(store);
        Map<String, String> errors = new LinkedHashMap<>();

        SmsMode mode = parseMode(form.mode());
        if (mode == null) {
            errors.put("mode", t.get("settings.mode.error"));
        } else if (mode.requiresInventoryFeatures() && !profile.map(StoreProfile::supportsAvailabilityAlerts).orElse(false)) {
            errors.put("mode", t.get("settings.mode.error.features", missingFeatures(profile, t)));
        }
        String typedSender = Objects.requireNonNullElse(form.sender(), "");
        String typedContact = Objects.requireNonNullElse(form.contact(), "");
        Sender sender = valueOf(typedSender, Sender::of, "sender", t.get("settings.sender.error.missing"),
                t.get("settings.sender.error", Sender.MAX_LENGTH), errors);
        Contact contact = valueOf(typedContact, Contact::of, "contact", t.get("settings.contact.error.missing"),
                t.get("settings.contact.error", Contact.MAX_LENGTH), errors);
        List<SettingsView.PreviewRow> preview = sender != null && contact != null ? preview(sender, contact, t) : List.of();
        SettingsView view = new SettingsView(profile.map(StoreProfile::storeName).orElse(store.value()),
                Objects.requireNonNullElse(form.mode(), ""), typedSender, typedContact, form.unsubscribeLink(),
                modes(profile, t),
                Map.copyOf(errors), pausedNotice(store, profile, t), preview);
        return new Reading(mode, sender, contact, view);
    }

    /** The api value type's reading of {@code typed}, or {@code null} with the field's error noted. */
    private static <T> T valueOf(String typed, Function<String, T> parse, String field, String missing,
                                 String invalid, Map<String, String> errors) {
        if (typed.isBlank()) {
            errors.put(field, missing);
            return null;
        }
        try {
            return parse.apply(typed);
        } catch (IllegalArgumentException e) {
            errors.put(field, invalid);
            return null;
        }
    }

    private static SmsMode parseMode(String typed) {
        try {
            return typed == null ? null : SmsMode.fromCode(Integer.parseInt(typed.strip()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<SettingsView.ModeOption> modes(Optional<StoreProfile> profile, Texts t) {
        boolean alerts = profile.map(StoreProfile::supportsAvailabilityAlerts).orElse(false);
        List<SettingsView.ModeOption> options = new ArrayList<>();
        for (SmsMode mode : SmsMode.values()) {
            boolean disabled = mode.requiresInventoryFeatures() && !alerts;
            options.add(new SettingsView.ModeOption(mode.code(), t.get("mode." + mode.code()), disabled,
                    disabled ? t.get("settings.mode.needs", missingFeatures(profile, t)) : null));
        }
        return options;
    }

    /** "Controle de estoque", "Aviso de disponibilidade" or both, as the host's page names them. */
    private static String missingFeatures(Optional<StoreProfile> profile, Texts t) {
        boolean stock = profile.map(StoreProfile::inventoryControl).orElse(false);
        boolean notice = profile.map(StoreProfile::availabilityNotice).orElse(false);
        if (!stock && !notice) {
            return t.get("feature.both");
        }
        return t.get(stock ? "feature.availability-notice" : "feature.inventory-control");
    }

    /** Alerts pause when the saved mode sends them and the host turned a feature off since. */
    private String pausedNotice(StoreId store, Optional<StoreProfile> profile, Texts t) {
        SmsMode saved = settings.find(store).mode();
        if (!saved.notifiesRestock() || profile.map(StoreProfile::supportsAvailabilityAlerts).orElse(false)) {
            return null;
        }
        return t.get("settings.paused", missingFeatures(profile, t));
    }

    private List<SettingsView.PreviewRow> preview(Sender sender, Contact contact, Texts t) {
        List<SettingsView.PreviewRow> rows = new ArrayList<>();
        catalog.all().forEach(template -> {
            RenderResult result = renderer.render(template.key(), sender, contact, SampleValues.TYPICAL);
            String title = t.get("template." + template.key().value());
            if (result instanceof RenderResult.Rendered rendered) {
                var text = rendered.text();
                rows.add(new SettingsView.PreviewRow(title, template.approvalReference(), text.text(),
                        t.get(text.encoding() == MessageEncoding.GSM_7 ? "encoding.gsm7" : "encoding.ucs2"),
                        text.text().length(), text.segments(), text.credits(), true));
            } else {
                RenderResult.TooLong tooLong = (RenderResult.TooLong) result;
                rows.add(new SettingsView.PreviewRow(title, template.approvalReference(),
                        t.get("settings.preview.too-long", tooLong.segmentsNeeded(), tooLong.maxSegments()), "", 0,
                        tooLong.segmentsNeeded(), tooLong.segmentsNeeded(), false));
            }
        });
        return rows;
    }
}
