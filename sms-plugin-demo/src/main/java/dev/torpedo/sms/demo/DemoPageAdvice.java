package dev.torpedo.sms.demo;

import dev.torpedo.sms.api.spi.ManagedStores;
import dev.torpedo.sms.demo.shop.Store;
import dev.torpedo.sms.demo.shop.Stores;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.security.Principal;

/** Every page's frame knows who is signed in, for which store, and whether as the operator (another menu). */
@ControllerAdvice
public class DemoPageAdvice {

    /** Who is signed in, for the frame; a {@code null} name when nobody is, a {@code null} store for the operator. */
    public record SignedIn(String name, String storeName, boolean operator) {
    }

    private final ManagedStores managed;
    private final Stores stores;

    DemoPageAdvice(ManagedStores managed, Stores stores) {
        this.managed = managed;
        this.stores = stores;
    }

    @ModelAttribute("signedIn")
    SignedIn signedIn(Principal user) {
        if (!(user instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return new SignedIn(null, null, false);
        }
        String storeName = managed.storeManagedBy(user).flatMap(store -> stores.find(store.value()))
                .map(Store::name).orElse(null);
        return new SignedIn(user.getName(), storeName, DemoSecurity.hasRole(user, DemoSecurity.OPERATOR));
    }
}
