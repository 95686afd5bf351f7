package dev.torpedo.sms.admin;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.ManagedStores;
import dev.torpedo.sms.api.spi.SmsAdminAccessPolicy;
import dev.torpedo.sms.impl.i18n.Messages;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Locale;
import java.util.Objects;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Asks the host who may do what: the store comes from {@link ManagedStores}, the permission from
 * {@link SmsAdminAccessPolicy}. Every admin handler starts here; a refusal is {@link AdminAccessDenied} (403).
 */
public final class AdminAccess {


    private final SmsAdminAccessPolicy policy;
    private final ManagedStores stores;

    public AdminAccess(SmsAdminAccessPolicy policy, ManagedStores stores) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.stores = Objects.requireNonNull(stores, "managed stores");
    }

    /** The user and their store, if the policy lets them see the store's SMS pages. */
    public AdminUser viewer(HttpServletRequest request) {
        AdminUser user = resolve(request);
        if (!policy.mayView(user.user(), user.store())) {
            throw new AdminAccessDenied("may not view the SMS settings of store " + user.store());
        }
        return user;
    }

    /** The user and their store, if the policy lets them change the store's SMS settings and send. */
    public AdminUser editor(HttpServletRequest request) {
        AdminUser user = resolve(request);
        if (!policy.mayChange(user.user(), user.store())) {
            throw new AdminAccessDenied("may not change the SMS settings of store " + user.store());
        }
        return user;
    }

    /** The signed-in platform operator. */
    public Principal operator(HttpServletRequest request) {
        Principal user = signedIn(request);
        if (!policy.isOperator(user)) {
            throw new AdminAccessDenied("is not a platform operator");
        }
        return user;
    }

    /**
     * pt-BR unless the user asks for English (the bundles have no other language): through the host's locale
     * resolver, or the browser's Accept-Language. Without that header, the server's own default locale does not
     * count: a Brazilian merchant reads pt-BR whatever the JVM runs in.
     */
    public static Locale locale(HttpServletRequest request) {
        // The server's default locale (what a request without Accept-Language reports) is nobody's choice.
        LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
        boolean explicit = !(resolver == null || resolver instanceof AcceptHeaderLocaleResolver)
                || request.getHeader("Accept-Language") != null;
        return Messages.supportedLocale(RequestContextUtils.getLocale(request), explicit);
    }

    private AdminUser resolve(HttpServletRequest request) {
        Principal user = signedIn(request);
        StoreId store = stores.storeManagedBy(user)
                .orElseThrow(() -> new AdminAccessDenied("manages no store"));
        return new AdminUser(user, store, locale(request));
    }

    private static Principal signedIn(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        if (user == null) {
            throw new AdminAccessDenied("nobody is signed in");
        }
        return user;
    }
}
