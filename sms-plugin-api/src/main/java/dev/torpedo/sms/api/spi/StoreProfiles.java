package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;

import java.util.Optional;

/**
 * The host tells the plugin about its stores. Asked when a merchant picks a mode and before restock alerts
 * go out: if the host turned "Controle de estoque" or "Aviso de disponibilidade" off, alerts pause.
 *
 * <pre>{@code
 * @Bean StoreProfiles storeProfiles(SiteService sites) {
 *     return id -> sites.find(id.value()).map(site ->
 *             new StoreProfile(site.getName(), site.isInventoryControlled(), site.isAvailabilityNoticeOn()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StoreProfiles {

    /** The store's profile, or empty when the host has no such store. */
    Optional<StoreProfile> profileOf(StoreId storeId);
}
