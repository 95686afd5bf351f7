package dev.torpedo.sms.admin;

import dev.torpedo.sms.admin.credits.CreditsService;
import dev.torpedo.sms.admin.messages.MessageLogService;
import dev.torpedo.sms.admin.orders.OrderMessagesService;
import dev.torpedo.sms.admin.settings.SettingsService;
import dev.torpedo.sms.admin.testsend.TestSendService;
import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.api.spi.ManagedStores;
import dev.torpedo.sms.api.spi.SmsAdminAccessPolicy;
import dev.torpedo.sms.api.spi.StoreOrders;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.credit.CreditPurchases;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The merchant admin: "Envio de SMS", "Testar", credits and "Comprar crédito", the order page's messages, the
 * message log, and the operator's payment confirmations, under {@value AdminPaths#BASE}. Import it next to the
 * engine's configuration:
 *
 * <pre>{@code
 * @Configuration
 * @Import({TorpedoSmsConfiguration.class, TorpedoSmsAdminConfiguration.class})
 * class SmsConfig {
 *     @Bean SmsAdminAccessPolicy smsAccess() { ... }     // who may see, change, and operate
 *     @Bean ManagedStores managedStores() { ... }         // which store the signed-in user manages
 *     @Bean StoreOrders storeOrders() { ... }             // optional: manual sends from the order page
 * }
 * }</pre>
 *
 * <p>The pages are FreeMarker views ({@code torpedo/sms/admin/*.ftlh}, from {@code classpath:/templates/}) framed
 * by the host's layout ({@value AdminSettings#LAYOUT}); each section is also a macro of
 * {@code torpedo/sms/admin/sections.ftlh} that the host may include in its own pages, with the view its service
 * makes. Without an {@link SmsAdminAccessPolicy} of the host's, every page answers 403.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = TorpedoSmsAdminConfiguration.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(Controller.class))
public class TorpedoSmsAdminConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(TorpedoSmsAdminConfiguration.class);

    @Bean
    public AdminSettings torpedoSmsAdminSettings(Environment environment) {
        return AdminSettings.from(environment);
    }

    @Bean
    public AdminAccess torpedoSmsAdminAccess(ObjectProvider<SmsAdminAccessPolicy> policy,
                                             ObjectProvider<ManagedStores> stores) {
        return new AdminAccess(policy.getIfUnique(() -> {
            log.warn("No SmsAdminAccessPolicy bean: the Torpedo SMS admin refuses everyone until the host declares one");
            return SmsAdminAccessPolicy.denyAll();
        }), stores.getIfUnique(() -> user -> Optional.empty()));
    }

    @Bean
    public MessageDescriptions torpedoSmsMessageDescriptions(ObjectProvider<Clock> clock) {
        return new MessageDescriptions(clock(clock));
    }

    @Bean
    public SettingsService torpedoSmsSettingsService(StoreSettingsRepository settings,
                                                     ObjectProvider<StoreProfiles> profiles, TemplateCatalog catalog,
                                                     MessageComposer composer) {
        return new SettingsService(settings, profiles.getIfUnique(() -> store -> Optional.empty()), catalog,
                composer.renderer());
    }

    @Bean
    public ManualSends torpedoSmsManualSends(SmsHook hook, MessageRepository messages,
                                             PlatformTransactionManager transactions) {
        return new ManualSends(engineHook(hook), messages, new TransactionTemplate(transactions));
    }

    @Bean
    public TestSendService torpedoSmsTestSendService(StoreSettingsRepository settings, MessageComposer composer,
                                                     ManualSends sends, MessageRepository messages, CreditLedger ledger,
                                                     TemplateCatalog catalog, PlatformTransactionManager transactions,
                                                     MessageDescriptions descriptions) {
        return new TestSendService(settings, composer, sends, messages, ledger, catalog,
                new TransactionTemplate(transactions), descriptions);
    }

    @Bean
    public CreditsService torpedoSmsCreditsService(CreditLedger ledger, CreditPurchases purchases,
                                                   AdminSettings settings, PlatformTransactionManager transactions) {
        return new CreditsService(ledger, purchases, settings, new TransactionTemplate(transactions));
    }

    @Bean
    public OrderMessagesService torpedoSmsOrderMessagesService(StoreSettingsRepository settings,
                                                               MessageComposer composer, ManualSends sends,
                                                               MessageRepository messages, TemplateCatalog catalog,
                                                               ObjectProvider<StoreOrders> orders,
                                                               MessageDescriptions descriptions) {
        return new OrderMessagesService(settings, composer, sends, messages, catalog,
                Optional.ofNullable(orders.getIfUnique()), descriptions);
    }

    @Bean
    public MessageLogService torpedoSmsMessageLogService(MessageRepository messages, CreditLedger ledger,
                                                         PlatformTransactionManager transactions,
                                                         MessageDescriptions descriptions, ObjectProvider<Clock> clock) {
        return new MessageLogService(messages, ledger, new TransactionTemplate(transactions), descriptions, clock(clock));
    }

    @Bean
    public AdminModel torpedoSmsAdminModel(AdminSettings settings) {
        return new AdminModel(settings);
    }

    @Bean
    AdminPageAdvice torpedoSmsAdminPageAdvice(AdminModel model) {
        return new AdminPageAdvice(model);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminCsrf()).addPathPatterns(AdminPaths.BASE + "/**");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(AdminPaths.ASSETS + "/**").addResourceLocations("classpath:/dev/torpedo/sms/admin/assets/");
    }

    /** Manual sends use the engine's hook: the same rules as the events (window, suppression, idempotency). */
    private static TorpedoSmsHook engineHook(SmsHook hook) {
        if (hook instanceof TorpedoSmsHook engine) {
            return engine;
        }
        throw new IllegalStateException("The Torpedo SMS admin needs the plugin's own SmsHook, not " + hook.getClass());
    }

    private static Clock clock(ObjectProvider<Clock> provider) {
        return provider.getIfUnique(Clock::systemUTC);
    }
}
