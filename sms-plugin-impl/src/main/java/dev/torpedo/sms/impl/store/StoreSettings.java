package dev.torpedo.sms.impl.store;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;

import java.util.Objects;
import java.util.Optional;

/**
 * A store's SMS settings from "Dados da loja": its mode, and the sender and contact every message carries.
 * Sender and contact may be missing while the store has not filled them in; nothing is sent until they are.
 *
 * @param storeId the store
 * @param mode    "Envio de SMS"
 * @param sender  "Remetente SMS", {@code null} until set
 * @param contact "Contato SMS", {@code null} until set
 * @param unsubscribeLink "Avise-me" alerts carry the shopper's link that stops them
 */
public record StoreSettings(StoreId storeId, SmsMode mode, Sender sender, Contact contact, boolean unsubscribeLink) {

    public StoreSettings {
        Objects.requireNonNull(storeId, "store id");
        Objects.requireNonNull(mode, "mode");
    }

    /** Settings whose alerts carry no unsubscribe link (SAIR still stops them). */
    public StoreSettings(StoreId storeId, SmsMode mode, Sender sender, Contact contact) {
        this(storeId, mode, sender, contact, false);
    }

    /** A store nobody configured yet: SMS off. */
    public static StoreSettings disabled(StoreId storeId) {
        return new StoreSettings(storeId, SmsMode.DISABLED, null, null);
    }

    /** Sender and contact are both set, so messages can be made. */
    public boolean isComplete() {
        return sender != null && contact != null;
    }

    public Optional<Sender> senderIfSet() {
        return Optional.ofNullable(sender);
    }

    public Optional<Contact> contactIfSet() {
        return Optional.ofNullable(contact);
    }
}
