package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;
import java.security.Principal;

/**
 * The host decides who may see and change a store's SMS settings, credits and messages, and who is a platform
 * operator (operators confirm credit payments; they are not merchants). Every page and action of the plugin's
 * admin asks this policy first. Without a policy of the host's, the plugin refuses everyone.
 *
 * <pre>{@code
 * @Bean SmsAdminAccessPolicy smsAccess(AdminUserService users) {
 *     return new SmsAdminAccessPolicy() {
 *         public boolean mayView(Principal user, StoreId store) { return users.managesSite(user, store.value()); }
 *         public boolean mayChange(Principal user, StoreId store) { return users.managesSite(user, store.value()); }
 *         public boolean isOperator(Principal user) { return users.hasRole(user, "PLATFORM_OPERATOR"); }
 *     };
 * }
 * }</pre>
 */
public interface SmsAdminAccessPolicy {

    /** Whether {@code user} may see the store's SMS settings, credits and messages. */
    boolean mayView(Principal user, StoreId store);

    /** Whether {@code user} may change the store's settings, send test and manual messages and buy credits. */
    boolean mayChange(Principal user, StoreId store);

    /** Whether {@code user} is a platform operator, who confirms the payment of credit purchases. */
    boolean isOperator(Principal user);

    /** The policy in force until the host provides one: nobody may do anything. */
    static SmsAdminAccessPolicy denyAll() {
        return new SmsAdminAccessPolicy() {
            @Override
            public boolean mayView(Principal user, StoreId store) {
                return false;
            }

            @Override
            public boolean mayChange(Principal user, StoreId store) {
                return false;
            }

            @Override
            public boolean isOperator(Principal user) {
                return false;
            }

            @Override
            public String toString() {
                return "SmsAdminAccessPolicy.denyAll()";
            }
        };
    }
}
