package dev.torpedo.sms.demo;

import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.admin.TorpedoSmsAdminConfiguration;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.ManagedStores;
import dev.torpedo.sms.api.spi.SmsAdminAccessPolicy;
import java.security.Principal;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * How a host plugs the merchant admin in: it imports the admin's configuration and says who may do what. The
 * demo's logins: "loja" / "loja" manages the demo store, "operador" / "operador" confirms credit payments.
 */
@Configuration(proxyBeanMethods = false)
@Import(TorpedoSmsAdminConfiguration.class)
class DemoAdmin {

    static final String MERCHANT = "MERCHANT";
    static final String OPERATOR = "OPERATOR";

    @Bean
    UserDetailsService demoUsers() {
        return new InMemoryUserDetailsManager(
                User.withUsername("loja").password("{noop}loja").roles(MERCHANT).build(),
                User.withUsername("operador").password("{noop}operador").roles(OPERATOR).build());
    }

    /** A merchant manages the demo store; the operator manages none, and confirms payments. */
    @Bean
    ManagedStores managedStores() {
        return user -> hasRole(user, MERCHANT) ? Optional.of(DemoHost.STORE) : Optional.empty();
    }

    @Bean
    SmsAdminAccessPolicy smsAccess() {
        return new SmsAdminAccessPolicy() {
            @Override
            public boolean mayView(Principal user, StoreId store) {
                return hasRole(user, MERCHANT) && DemoHost.STORE.equals(store);
            }

            @Override
            public boolean mayChange(Principal user, StoreId store) {
                return mayView(user, store);
            }

            @Override
            public boolean isOperator(Principal user) {
                return hasRole(user, OPERATOR);
            }
        };
    }

    private static boolean hasRole(Principal user, String role) {
        return user instanceof Authentication authentication && authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
    }

    /** The host's own admin entry: the SMS pages are the plugin's. */
    @Controller
    static class AdminHome {
        @GetMapping("/admin")
        String home(Authentication user) {
            return "redirect:" + (hasRole(user, OPERATOR) ? AdminPaths.OPERATOR_PURCHASES : AdminPaths.SETTINGS);
        }
    }
}
