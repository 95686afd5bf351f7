package dev.torpedo.sms.admin.settings;

/**
 * What the merchant typed in "Envio de SMS", as typed: nothing here is trusted until {@link SettingsService}
 * has read it.
 *
 * @param mode    "Envio de SMS", a code from 0 to 6
 * @param sender  "Remetente SMS"
 * @param contact "Contato SMS"
 * @param unsubscribeLink "Avise-me" alerts carry the shopper's link that stops them
 */
public record SettingsForm(String mode, String sender, String contact, boolean unsubscribeLink) {

    /** A form without the unsubscribe-link choice (off). */
    public SettingsForm(String mode, String sender, String contact) {
        this(mode, sender, contact, false);
    }
}
