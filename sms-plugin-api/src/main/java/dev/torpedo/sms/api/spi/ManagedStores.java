package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;
import java.security.Principal;
import java.util.Optional;

/**
 * The store the signed-in user manages, as the host knows it. The plugin's admin pages act on this store only,
 * never on a store id taken from the request.
 *
 * <pre>{@code
 * @Bean ManagedStores managedStores(AdminUserService users) {
 *     return user -> users.currentSite(user).map(site -> StoreId.of(site.getId()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ManagedStores {

    /** The store {@code user} works on now, or empty when the user manages none. */
    Optional<StoreId> storeManagedBy(Principal user);
}
