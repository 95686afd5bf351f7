package dev.torpedo.sms.admin.settings;

/**
 * What the merchant typed in "Envio de SMS", as typed: nothing here is trusted until {@link SettingsService}
 * has read it.
 *
 * @param mode    "Envio de SMS", a code from 0 to 6
 * @param sender  "Remetente SMS"
 * @param contact "Contato SMS"
 */
public record SettingsForm(String mode, String sender, String contact) {
}
