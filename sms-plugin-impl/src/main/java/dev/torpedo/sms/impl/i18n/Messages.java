package dev.torpedo.sms.impl.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * User-facing texts: pt-BR in a root bundle, English in its {@code _en} sibling. The engine's own texts are
 * read with the static {@link #get}; a module with a bundle of its own (the admin, the storefront) makes one
 * instance with {@link #bundle}.
 *
 * <pre>{@code
 * Messages.get("phone.unknown-ddd.detail", Locale.forLanguageTag("pt-BR"), "20"); // "O DDD 20 não existe."
 * Messages.get("phone.landline", Locale.ENGLISH); // "This is a landline number; ..."
 * Messages admin = Messages.bundle("dev.torpedo.sms.admin.messages");
 * admin.text("settings.saved", locale);
 * }</pre>
 *
 * <p>Every text goes through {@link MessageFormat}, with or without arguments, so the files follow one
 * rule: an apostrophe is written {@code ''}. Pass numbers that must not get digit grouping as strings.
 */
public final class Messages {

    /** {@code dev/torpedo/sms/impl/messages.properties} and its {@code _en} sibling. */
    private static final Messages ENGINE = bundle("dev.torpedo.sms.impl.messages");

    /*
     * Without this control, asking for pt-BR on a JVM whose default locale is English would find
     * messages_en before the root bundle, and a Brazilian shopper would read English. The root bundle
     * is pt-BR, so "no fallback to the default locale" is exactly the rule we want.
     */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String baseName;

    private Messages(String baseName) {
        this.baseName = Objects.requireNonNull(baseName, "bundle");
    }

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    /**
     * The language to answer a person in: English when they asked for English, else pt-BR (the bundles have no
     * other). {@code explicit} says whether {@code asked} is the person's choice (an Accept-Language header, a
     * host's language switch) rather than a server's default, which never decides.
     */
    public static Locale supportedLocale(Locale asked, boolean explicit) {
        return explicit && asked != null && "en".equals(asked.getLanguage()) ? Locale.ENGLISH : PT_BR;
    }

    /** The engine's own texts ({@code dev.torpedo.sms.impl.messages}). */
    public static Messages engine() {
        return ENGINE;
    }

    /** The texts of the bundle {@code baseName} (a class-path name such as {@code dev.torpedo.sms.admin.messages}). */
    public static Messages bundle(String baseName) {
        return new Messages(baseName);
    }

    /**
     * The engine's text for {@code key} in {@code locale} (pt-BR when the locale has no bundle of its own).
     *
     * @throws java.util.MissingResourceException if no bundle has the key: a programming error
     */
    public static String get(String key, Locale locale, Object... args) {
        return ENGINE.text(key, locale, args);
    }

    /**
     * This bundle's text for {@code key} in {@code locale} (pt-BR when the locale has no bundle of its own).
     *
     * @throws java.util.MissingResourceException if no bundle has the key: a programming error
     */
    public String text(String key, Locale locale, Object... args) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(locale, "locale");
        ResourceBundle bundle = ResourceBundle.getBundle(baseName, locale, Messages.class.getClassLoader(), NO_FALLBACK);
        return new MessageFormat(bundle.getString(key), locale).format(args == null ? new Object[0] : args);
    }

    /** Whether this bundle has {@code key} (in its root, pt-BR, bundle). */
    public boolean has(String key) {
        return ResourceBundle.getBundle(baseName, Locale.ROOT, Messages.class.getClassLoader(), NO_FALLBACK)
                .containsKey(key);
    }
}
