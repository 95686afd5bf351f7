package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.spi.StockLevels;
import dev.torpedo.sms.api.spi.StorefrontStores;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.ratelimit.RateLimits;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.retention.DataRemoval;
import dev.torpedo.sms.impl.retention.RemovalCodes;
import dev.torpedo.sms.impl.retention.RetentionJob;
import dev.torpedo.sms.impl.window.SendWindow;
import org.springframework.transaction.support.TransactionTemplate;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import dev.torpedo.sms.impl.spring.TorpedoSmsProperties;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * "Avise-me" for the host's product pages: the fragment ({@code /torpedo/sms/storefront/avise-me.ftlh}), its
 * endpoint {@code POST /torpedo/sms/avise-me} (a page, or JSON), and their assets. Import it next to the engine's
 * configuration; the host implements {@link StorefrontStores} (which store serves a page) and {@link StockLevels}
 * (whether a product is sold out). Properties: {@value #LAYOUT} (the storefront frame of the plugin's pages),
 * {@value #PER_ADDRESS} ({@code 20/10m}) and {@value #PER_PHONE} ({@code 5/1h}), and
 * {@code torpedo.sms.restock.subscription-expiry} (90 days).
 */
@Configuration(proxyBeanMethods = false)
public class TorpedoSmsAlertsConfiguration implements WebMvcConfigurer {

    public static final String LAYOUT = "torpedo.sms.storefront.layout";
    public static final String PER_ADDRESS = "torpedo.sms.storefront.rate-limit.per-address";
    public static final String PER_PHONE = "torpedo.sms.storefront.rate-limit.per-phone";
    /** Where the "Sair:" links of alerts land; {@code torpedo.sms.unsubscribe.link-base} should end with it. */
    public static final String UNSUBSCRIBE_PATH = "torpedo.sms.unsubscribe.path";

    private final String unsubscribePath;

    public TorpedoSmsAlertsConfiguration(Environment environment) {
        this.unsubscribePath = environment.getProperty(UNSUBSCRIBE_PATH, "/sair");
    }
    private static final Logger log = LoggerFactory.getLogger(TorpedoSmsAlertsConfiguration.class);

    @Bean
    public AlertSignupService torpedoSmsAlertSignups(StoreSettingsRepository settings, MessageComposer composer,
                                                     ObjectProvider<StockLevels> stock, SubscriptionRepository subscriptions,
                                                     TorpedoSmsProperties properties, RateLimits rateLimits,
                                                     Environment environment, ObjectProvider<Clock> clock) {
        AlertSignupService.Limits defaults = AlertSignupService.Limits.defaults();
        AlertSignupService.Limits limits = new AlertSignupService.Limits(
                limit(environment, PER_ADDRESS, defaults.perAddress()), limit(environment, PER_PHONE, defaults.perPhone()));
        return new AlertSignupService(settings, composer, stock.getIfUnique(() -> {
            log.warn("No StockLevels bean: \"Avise-me\" is offered on no product until the host says which are sold out");
            return (store, product, sku) -> true;
        }), subscriptions, properties.subscriptionExpiry(), rateLimits, limits, clock.getIfUnique(Clock::systemUTC));
    }

    private static RateLimits.Limit limit(Environment environment, String property, RateLimits.Limit fallback) {
        String value = environment.getProperty(property);
        try {
            return value == null ? fallback : RateLimits.Limit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " reads like 10/10m (hits per window), not '" + value + "'", e);
        }
    }

    @Bean
    public AlertPages torpedoSmsAlertPages(AlertSignupService alerts, Environment environment) {
        return new AlertPages(alerts, environment.getProperty(LAYOUT, "/torpedo/sms/storefront/layout.ftlh"));
    }

    @Bean
    AlertController torpedoSmsAlertController(AlertSignupService alerts, AlertPages pages,
                                              ObjectProvider<StorefrontStores> stores) {
        return new AlertController(alerts, pages, stores.getIfUnique(() -> {
            log.warn("No StorefrontStores bean: \"Avise-me\" signups are refused until the host says which store serves a page");
            return url -> Optional.empty();
        }));
    }

    @Bean
    UnsubscribeController torpedoSmsUnsubscribeController(TorpedoSmsProperties properties,
                                                          SubscriptionRepository subscriptions, BeanFactory beans,
                                                          AlertPages pages) {
        return new UnsubscribeController(properties.unsubscribeLinks(), subscriptions, optOut(beans), pages);
    }

    @Bean
    public DataRemovalService torpedoSmsDataRemovals(BeanFactory beans, StoreSettingsRepository settings,
                                                     MessageComposer composer, SmsHook hook, RateLimits rateLimits,
                                                     AlertSignupService signups, SendWindow window,
                                                     RetentionJob retention) {
        Clock clock = beans.getBeanProvider(Clock.class).getIfUnique(Clock::systemUTC);
        if (!(hook instanceof TorpedoSmsHook engineHook)) {
            throw new IllegalStateException("\"Remover meus dados\" needs the plugin's own SmsHook, not " + hook.getClass());
        }
        return new DataRemovalService(settings, composer, engineHook, beans.getBean(SuppressionList.class),
                beans.getBean(CreditLedger.class),
                new RemovalCodes(new NullBindingJdbcTemplate(beans.getBean(DataSource.class)), clock),
                new DataRemoval(optOut(beans), retention), rateLimits, signups.limits(), window,
                new TransactionTemplate(beans.getBean(PlatformTransactionManager.class)), clock);
    }

    @Bean
    DataRemovalController torpedoSmsDataRemovalController(DataRemovalService removals, AlertPages pages,
                                                          ObjectProvider<StorefrontStores> stores) {
        return new DataRemovalController(removals, pages, stores.getIfUnique(() -> url -> Optional.empty()));
    }

    @Bean
    StorefrontAdvice torpedoSmsStorefrontAdvice(AlertPages pages) {
        return new StorefrontAdvice(pages);
    }

    /** The engine's opt-out (a host's own when it declares one). */
    private static OptOut optOut(BeanFactory beans) {
        return beans.getBean(OptOut.class);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new StorefrontCsrf()).addPathPatterns(AlertPages.SIGNUP_PATH,
                unsubscribePath + "/*", DataRemovalController.PATH, DataRemovalController.CONFIRM_PATH);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(AlertPages.ASSETS + "/**")
                .addResourceLocations("classpath:/dev/torpedo/sms/storefront/assets/");
    }
}
