package dev.torpedo.sms.api.spi;

import java.util.Objects;

/**
 * What the host knows of a store that the plugin needs.
 *
 * @param storeName          the store's name, shown in the admin
 * @param inventoryControl   the host's "Controle de estoque" is on
 * @param availabilityNotice the host's "Aviso de disponibilidade" is on
 */
public record StoreProfile(String storeName, boolean inventoryControl, boolean availabilityNotice) {

    public StoreProfile {
        Objects.requireNonNull(storeName, "store name");
    }

    /** Restock alerts (modes 4 to 6) work only with both inventory features on. */
    public boolean supportsAvailabilityAlerts() {
        return inventoryControl && availabilityNotice;
    }
}
