package dev.torpedo.sms.admin.settings;

import java.util.List;
import java.util.Map;

/**
 * The "Envio de SMS" section as the merchant sees it: the form (saved or as typed), its errors, the modes with
 * why some cannot be chosen, the paused-alerts notice, and the preview of every approved message.
 *
 * @param errors       field ({@code mode}, {@code sender}, {@code contact}) to its message; empty when valid
 * @param pausedNotice why restock alerts are paused, or {@code null}
 * @param preview      every approved message with the current sender and contact, empty while one is invalid
 */
public record SettingsView(String storeName, String mode, String sender, String contact, boolean unsubscribeLink,
                           List<ModeOption> modes, Map<String, String> errors, String pausedNotice,
                           List<PreviewRow> preview) {

    /** The same view before anything was sent: a store not set up yet is not an error to show. */
    SettingsView withoutErrors() {
        return new SettingsView(storeName, mode, sender, contact, unsubscribeLink, modes, Map.of(), pausedNotice,
                preview);
    }

    /** One option of the "Envio de SMS" select. */
    public record ModeOption(int code, String label, boolean disabled, String disabledReason) {
    }

    /** One approved message as it would go out now, and what it costs. */
    public record PreviewRow(String title, String approvalReference, String text, String encoding, int characters,
                             int segments, int credits, boolean fits) {
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
