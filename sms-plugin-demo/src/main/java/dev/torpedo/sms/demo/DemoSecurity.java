package dev.torpedo.sms.demo;

import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.ManagedStores;
import dev.torpedo.sms.api.spi.SmsAdminAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.security.Principal;
import java.util.Optional;

/**
 * Who may do what, as the host decides it and the plugin asks: "loja" manages Casa Aurora, "vento" manages Vento
 * Sul Esportes, "operador" (the platform) confirms credit payments. The shop and the phone are public; the admin
 * needs a login, and every form carries Spring Security's CSRF token, which the plugin's pages use too.
 */
@Configuration(proxyBeanMethods = false)
class DemoSecurity {

    static final String MERCHANT = "MERCHANT";
    static final String OPERATOR = "OPERATOR";

    @Bean
    UserDetailsService demoUsers() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        // Demo logins, printed on the front door and in the README.
        DemoAccounts.ALL.forEach(account -> users.createUser(User.withUsername(account.login())
                .password("{noop}" + account.password()).roles(account.merchant() ? MERCHANT : OPERATOR).build()));
        return users;
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/**", AdminPaths.BASE + "/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(login -> login.loginPage("/entrar").failureUrl("/entrar?erro")
                        .defaultSuccessUrl("/admin", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/entrar?logout"))
                // Providers call the webhooks with their own secret or signature, never with a session's token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/torpedo/sms/webhooks/**"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                                + " frame-ancestors 'none'; form-action 'self'")))
                .build();
    }

    /** The store a merchant manages; the operator manages none. */
    @Bean
    ManagedStores managedStores() {
        return user -> hasRole(user, MERCHANT)
                ? DemoAccounts.byLogin(user.getName()).flatMap(DemoAccounts.Account::store)
                : Optional.empty();
    }

    @Bean
    SmsAdminAccessPolicy smsAccess(ManagedStores stores) {
        return new SmsAdminAccessPolicy() {
            @Override
            public boolean mayView(Principal user, StoreId store) {
                return stores.storeManagedBy(user).filter(store::equals).isPresent();
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

    static boolean hasRole(Principal user, String role) {
        return user instanceof Authentication authentication && authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
    }
}
