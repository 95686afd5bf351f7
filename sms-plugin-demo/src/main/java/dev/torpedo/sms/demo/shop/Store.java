package dev.torpedo.sms.demo.shop;

import dev.torpedo.sms.api.StoreId;

/**
 * One of the host's stores, with the two inventory switches of its "Dados da loja".
 *
 * @param inventoryControl   "Controle de estoque"
 * @param availabilityNotice "Aviso de disponibilidade"
 */
public record Store(String id, String name, String tagline, boolean inventoryControl, boolean availabilityNotice) {

    public StoreId storeId() {
        return StoreId.of(id);
    }

    /** Where the store's shop lives. */
    public String path() {
        return "/loja/" + id;
    }
}
