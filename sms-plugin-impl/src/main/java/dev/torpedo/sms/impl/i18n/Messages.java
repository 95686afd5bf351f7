package dev.torpedo.sms.impl.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The plugin's user-facing texts: pt-BR by default, English in {@code messages_en.properties}.
 *
 * <pre>{@code
 * Messages.get("phone.unknown-ddd.detail", Locale.forLanguageTag("pt-BR"), "20"); // "O DDD 20 não existe."
 * Messages.get("phone.landline", Locale.ENGLISH); // "This is a landline number; ..."
 * }</pre>
 *
 * <p>Every text goes through {@link MessageFormat}, with or without arguments, so the files follow one
 * rule: an apostrophe is written {@code ''}. Pass numbers that must not get digit grouping as strings.
 */
public final class Messages {

    /** {@code dev/torpedo/sms/impl/messages.properties} and its {@code _en} sibling. */
    private static final String BUNDLE = "dev.torpedo.sms.impl.messages";

    /*
     * Without this control, asking for pt-BR on a JVM whose default locale is English would find
     * messages_en before the root bundle, and a Brazilian shopper would read English. The root bundle
     * is pt-BR, so "no fallback to the default locale" is exactly the rule we want.
     */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /**
     * The text for {@code key} in {@code locale} (pt-BR when the locale has no bundle of its own).
     *
     * @throws java.util.MissingResourceException if no bundle has the key: a programming error
     */
    public static String get(String key, Locale locale, Object... args) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(locale, "locale");
        ResourceBundle bundle =
                ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_FALLBACK);
        return new MessageFormat(bundle.getString(key), locale).format(args == null ? new Object[0] : args);
    }
}
