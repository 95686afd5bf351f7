package dev.torpedo.sms.admin;

import dev.torpedo.sms.impl.i18n.Messages;
import java.util.Locale;
import java.util.Objects;

/**
 * The admin's texts in one language, for templates ({@code ${t.get("settings.title")}}) and services.
 * pt-BR by default, English in {@code messages_en.properties}.
 */
public final class Texts {

    private static final Messages ADMIN = Messages.bundle("dev.torpedo.sms.admin.messages");

    private final Locale locale;

    public Texts(Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
    }

    public String get(String key, Object... args) {
        return ADMIN.text(key, locale, args);
    }

    public Locale locale() {
        return locale;
    }
}
