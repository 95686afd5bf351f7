package dev.torpedo.sms.impl.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    @Test
    void portuguese_is_the_default_and_english_has_its_own_bundle() {
        assertThat(Messages.get("phone.landline", PT_BR)).isEqualTo("Este número é de telefone fixo; informe um celular.");
        assertThat(Messages.get("phone.landline", Locale.ENGLISH)).isEqualTo("This is a landline number; enter a mobile number.");
    }

    @Test
    void a_language_without_a_bundle_gets_portuguese_even_on_an_english_jvm() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);

            assertThat(Messages.get("phone.landline", PT_BR)).startsWith("Este número");
            assertThat(Messages.get("phone.landline", Locale.FRENCH)).startsWith("Este número");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void fills_in_arguments() {
        assertThat(Messages.get("phone.unknown-ddd.detail", PT_BR, "20")).startsWith("O DDD 20 não existe.");
    }

    @Test
    void a_missing_key_is_a_programming_error() {
        assertThatThrownBy(() -> Messages.get("no.such.key", PT_BR)).isInstanceOf(MissingResourceException.class);
    }

    @Test
    void both_bundles_have_the_same_keys() throws IOException {
        Properties portuguese = load("messages.properties");
        Properties english = load("messages_en.properties");

        assertThat(english.stringPropertyNames()).isEqualTo(portuguese.stringPropertyNames());
        assertThat(portuguese.stringPropertyNames()).isNotEmpty();
    }

    @Test
    void the_portuguese_bundle_is_read_as_utf8() {
        assertThat(Messages.get("phone.too-short", PT_BR)).contains("dígitos").doesNotContain("Ã");
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("/dev/torpedo/sms/impl/" + file)) {
            assertThat(in).as(file).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
