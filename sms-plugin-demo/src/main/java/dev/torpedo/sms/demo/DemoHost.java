package dev.torpedo.sms.demo;

import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.StockLevels;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.api.spi.StorefrontStores;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import dev.torpedo.sms.storefront.alert.TorpedoSmsAlertsConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Optional;

/** What a real host would provide: its store, its inventory answers, its security. */
@Configuration(proxyBeanMethods = false)
@Import(TorpedoSmsAlertsConfiguration.class)
class DemoHost {

    static final StoreId STORE = StoreId.of("demo");

    /** The demo store has "Controle de estoque" and "Aviso de disponibilidade" on, so modes 4 to 6 work. */
    @Bean
    StoreProfiles storeProfiles() {
        return store -> STORE.equals(store) ? Optional.of(new StoreProfile("Loja Demo", true, true)) : Optional.empty();
    }

    /** The demo has one store, which serves every page. */
    @Bean
    StorefrontStores storefrontStores() {
        return page -> Optional.of(STORE);
    }

    @Bean
    StockLevels stockLevels(DemoCatalog catalog) {
        return (store, product, sku) -> catalog.inStock(product);
    }

    @Bean
    DemoCatalog demoCatalog() {
        return new DemoCatalog();
    }

    @Bean
    SandboxSmsGateway phoneInbox(DataSource dataSource) {
        return new SandboxSmsGateway(new JdbcTemplate(dataSource), Clock.systemUTC());
    }

    /**
     * The shop is public; the admin (the host's /admin and the plugin's pages) needs a login. Every form carries
     * Spring Security's CSRF token, which the plugin's pages use too.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/**", AdminPaths.BASE + "/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(login -> login.defaultSuccessUrl("/admin", false))
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .csrf(Customizer.withDefaults())
                .build();
    }

    /** First start: the store in mode 6 with its sender and contact, and its 10 free credits. */
    @Bean
    ApplicationRunner seedDemoStore(StoreSettingsRepository settings, CreditLedger credits, TransactionTemplate tx) {
        return args -> tx.executeWithoutResult(status -> {
            if (settings.findSaved(STORE).isEmpty()) {
                settings.save(new StoreSettings(STORE, SmsMode.STATUS_CHANGES_WITH_AVAILABILITY,
                        Sender.of("Loja Demo"), Contact.of("1133334444")));
            }
            credits.grantFreeCredits(STORE);
        });
    }
}
