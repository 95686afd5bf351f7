package dev.torpedo.sms.admin;

import dev.torpedo.sms.api.StoreId;
import java.security.Principal;
import java.util.Locale;
import java.util.Objects;

/**
 * Who acts, on which store, reading which language: what every admin service is given, decided by
 * {@link AdminAccess} from the host's SPIs, never from the request's parameters.
 *
 * @param user   the signed-in user, as the host's security knows them
 * @param store  the store the host says the user manages
 * @param locale pt-BR unless the user's browser asks for English
 */
public record AdminUser(Principal user, StoreId store, Locale locale) {

    public AdminUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(locale, "locale");
    }

    /** The user's name, as recorded with the messages they ask for by hand. */
    public String name() {
        return user.getName();
    }
}
