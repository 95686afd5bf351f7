package dev.torpedo.sms.impl.spring;

import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.api.extension.SmsExtensionHandler;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import dev.torpedo.sms.api.spi.ProductLinks;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.api.spi.StatusTemplateMapping;
import dev.torpedo.sms.api.spi.StockLevels;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.compose.DefaultStatusTemplateMapping;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.credit.CreditPurchases;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.db.SchemaMigration;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.gateway.GuardedGateway;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSmsGateway;
import dev.torpedo.sms.impl.gateway.webhook.WebhookSmsGateway;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.metrics.Meters;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherLoop;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.queue.UncertainReconciler;
import dev.torpedo.sms.impl.ratelimit.RateLimits;
import dev.torpedo.sms.impl.receipt.DeliveryReceipts;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.restock.RestockEvents;
import dev.torpedo.sms.impl.restock.RestockFanOut;
import dev.torpedo.sms.impl.restock.RestockOptions;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import dev.torpedo.sms.impl.retention.RetentionJob;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderingOptions;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.window.SendWindow;
import dev.torpedo.sms.impl.window.SendWindowOptions;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Everything the plugin needs, on the host's {@link DataSource} and {@link PlatformTransactionManager}. A plain
 * Spring host adds {@code @Import(TorpedoSmsConfiguration.class)}; a Spring Boot host only adds the jar.
 *
 * <p>The plugin uses what the host declares, when it does: a {@link Clock}; an {@link SmsGateway} (else
 * {@code torpedo.sms.gateway} picks one: the sandbox by default, or Zenvia, Twilio or the signed webhook, each
 * behind a rate limit and a circuit breaker, on one shared HTTP client closed with the context); {@link StoreProfiles} (else no store reports the
 * inventory features, so restock alerts stay paused); {@link StockLevels} (else later restock waves assume the
 * product is still in stock); a {@link StatusTemplateMapping}; {@link SmsExtensionHandler} beans, registered with
 * the plugin's {@link SmsExtensionManager}; a Micrometer {@code MeterRegistry}, for meters. Beans of the plugin
 * have plugin types only, so that they never compete with the host's own for autowiring.
 */
@Configuration(proxyBeanMethods = false)
public class TorpedoSmsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TorpedoSmsConfiguration.class);

    @Bean
    public TorpedoSmsProperties torpedoSmsProperties(Environment environment) {
        return TorpedoSmsProperties.from(environment);
    }

    @Bean
    @Conditional(LiquibaseEnabled.class)
    public SpringLiquibase torpedoSmsLiquibase(DataSource dataSource) {
        return SchemaMigration.liquibase(dataSource);
    }

    @Bean
    public Dialect torpedoSmsDialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }

    /** Verifies every approved text's digest now: a changed template stops the start-up, naming it. */
    @Bean
    public TemplateCatalog torpedoSmsTemplateCatalog() {
        return TemplateCatalog.loadApproved();
    }

    @Bean
    public SmsExtensionManager torpedoSmsExtensionManager(ObjectProvider<SmsExtensionHandler> handlers) {
        SmsExtensionManager manager = new SmsExtensionManager();
        handlers.orderedStream().forEach(manager::register);
        return manager;
    }

    /**
     * The gateway {@code torpedo.sms.gateway} names, unless the host declares its own {@link SmsGateway}, which
     * then wins (and this one is never made). Messages are composed and charged by its {@link SmsGateway#profile()}.
     */
    @Bean
    @Fallback
    @Lazy
    public SmsGateway torpedoSmsGateway(DataSource dataSource, TorpedoSmsProperties properties,
                                        ObjectProvider<ProviderHttp> http, ObjectProvider<Clock> clock) {
        return builtInGateway(properties, new NullBindingJdbcTemplate(dataSource), http, clock(clock));
    }

    @Bean
    public MessageComposer torpedoSmsMessageComposer(TemplateCatalog catalog, TorpedoSmsProperties properties,
                                                     SmsExtensionManager extensions, SmsGateway gateway,
                                                     ObjectProvider<StatusTemplateMapping> statusMapping,
                                                     ObjectProvider<StoreProfiles> storeProfiles) {
        MessageRenderer renderer = new MessageRenderer(catalog,
                new RenderingOptions(properties.encodingPolicy(), properties.maxSegments(), gateway.profile()));
        return new MessageComposer(catalog, renderer, new PhoneNumberParser(), extensions,
                statusMapping.getIfUnique(DefaultStatusTemplateMapping::new), storeProfiles(storeProfiles));
    }

    @Bean
    public BrazilianCalendar torpedoSmsCalendar() {
        return new BrazilianCalendar();
    }

    @Bean
    public SendWindow torpedoSmsSendWindow(TorpedoSmsProperties properties, BrazilianCalendar calendar,
                                           ObjectProvider<Clock> clock) {
        return new SendWindow(clock(clock),
                new SendWindowOptions(properties.skipSundays(), properties.skipNationalHolidays()), calendar);
    }

    @Bean
    public StoreSettingsRepository torpedoSmsStoreSettings(DataSource dataSource, Dialect dialect,
                                                           ObjectProvider<Clock> clock) {
        return new StoreSettingsRepository(new NullBindingJdbcTemplate(dataSource), dialect, clock(clock));
    }

    @Bean
    public MessageRepository torpedoSmsMessages(DataSource dataSource, Dialect dialect, ObjectProvider<Clock> clock) {
        return new MessageRepository(new NullBindingJdbcTemplate(dataSource), dialect, clock(clock));
    }

    @Bean
    public SuppressionList torpedoSmsSuppressions(DataSource dataSource, Dialect dialect, ObjectProvider<Clock> clock) {
        return new SuppressionList(new NullBindingJdbcTemplate(dataSource), dialect, clock(clock));
    }

    @Bean
    public CreditLedger torpedoSmsCreditLedger(DataSource dataSource, Dialect dialect, ObjectProvider<Clock> clock) {
        return new CreditLedger(new NullBindingJdbcTemplate(dataSource), dialect, clock(clock));
    }

    @Bean
    public CreditPurchases torpedoSmsCreditPurchases(DataSource dataSource, PlatformTransactionManager transactions,
                                                     CreditLedger ledger, BrazilianCalendar calendar,
                                                     ObjectProvider<Clock> clock) {
        return new CreditPurchases(new NullBindingJdbcTemplate(dataSource), transactions, ledger, calendar,
                clock(clock));
    }

    @Bean
    public SubscriptionRepository torpedoSmsSubscriptions(DataSource dataSource, ObjectProvider<Clock> clock) {
        return new SubscriptionRepository(new NullBindingJdbcTemplate(dataSource), clock(clock));
    }

    @Bean
    public RateLimits torpedoSmsRateLimits(DataSource dataSource, PlatformTransactionManager transactions,
                                           Dialect dialect, ObjectProvider<Clock> clock) {
        return new RateLimits(new NullBindingJdbcTemplate(dataSource), transactions, dialect, clock(clock));
    }

    /**
     * Providers' delivery receipts, for the webhooks; receipts that came early are applied by the jobs below. A
     * host's own {@link DeliveryReceipts} bean wins: this one is the fallback.
     */
    @Bean
    @Fallback
    public DeliveryReceipts torpedoSmsDeliveryReceipts(DataSource dataSource, PlatformTransactionManager transactions,
                                                       CreditLedger ledger, ObjectProvider<Clock> clock) {
        return new DeliveryReceipts(new NullBindingJdbcTemplate(dataSource), transactions, ledger, clock(clock));
    }

    /** Replies that stop messages (SAIR...) and the "Sair:" link, for the webhooks and the storefront; a host's own wins. */
    @Bean
    @Fallback
    public OptOut torpedoSmsOptOut(DataSource dataSource, PlatformTransactionManager transactions,
                                   SuppressionList suppressions, SubscriptionRepository subscriptions, CreditLedger ledger,
                                   ObjectProvider<Clock> clock) {
        return new OptOut(new NullBindingJdbcTemplate(dataSource), transactions, suppressions, subscriptions, ledger,
                clock(clock));
    }

    @Bean
    public RestockEvents torpedoSmsRestockEvents(DataSource dataSource, ObjectProvider<Clock> clock) {
        return new RestockEvents(new NullBindingJdbcTemplate(dataSource), clock(clock));
    }

    @Bean
    public QueueMetrics torpedoSmsQueueMetrics(BeanFactory beans, DataSource dataSource) {
        return Meters.forContext(beans, new NullBindingJdbcTemplate(dataSource));
    }

    @Bean
    public SmsHook torpedoSmsHook(StoreSettingsRepository settings, MessageComposer composer,
                                  MessageRepository messages, SuppressionList suppressions, RestockEvents restocks,
                                  SendWindow window, QueueMetrics metrics, ObjectProvider<Clock> clock) {
        return new TorpedoSmsHook(settings, composer, messages, suppressions, restocks, window, metrics, clock(clock));
    }

    @Bean
    public RetentionJob torpedoSmsRetention(DataSource dataSource, TorpedoSmsProperties properties,
                                            ObjectProvider<Clock> clock) {
        return new RetentionJob(new NullBindingJdbcTemplate(dataSource), clock(clock), properties.retention());
    }

    /**
     * The HTTP client the built-in provider gateways share; made only when one of them is chosen, and closed with
     * the context (after the background jobs have stopped sending).
     */
    @Bean(destroyMethod = "close")
    @Lazy
    public ProviderHttp torpedoSmsProviderHttp(TorpedoSmsProperties properties) {
        return new ProviderHttp(properties.http());
    }

    /** Dispatches the queue, fans restocks out, credits purchases and purges old data, on this node. */
    @Bean
    public BackgroundJobs torpedoSmsBackgroundJobs(DataSource dataSource, PlatformTransactionManager transactions,
                                                   Dialect dialect, TorpedoSmsProperties properties,
                                                   SmsGateway gateway, CreditLedger ledger,
                                                   CreditPurchases purchases, SuppressionList suppressions,
                                                   SendWindow window, QueueMetrics metrics,
                                                   StoreSettingsRepository settings, MessageComposer composer,
                                                   MessageRepository messages, ObjectProvider<StockLevels> stockLevels,
                                                   RetentionJob retention,
                                                   ObjectProvider<ProductLinks> productLinks,
                                                   DeliveryReceipts receipts, ObjectProvider<Clock> clock) {
        JdbcTemplate jdbc = new NullBindingJdbcTemplate(dataSource);
        Clock time = clock(clock);
        Dispatcher dispatcher = Dispatcher.builder(jdbc, transactions, dialect, gateway)
                .ledger(ledger).suppressions(suppressions).window(window)
                .options(new DispatcherOptions(properties.nodeId(), properties.batchSize(), properties.concurrency(),
                        properties.batchesInFlight(), properties.lease(), properties.retryBase(), properties.retryMax(),
                        properties.maxAge()))
                .metrics(metrics).clock(time).jitter(new SecureRandom())
                .afterRecorded(receipts::applyParkedHere)
                .build();
        // The queue's own transactions (READ COMMITTED, run again on a deadlock): a wave competes with the claims.
        RestockFanOut fanOut = new RestockFanOut(jdbc, new Transactions(transactions), dialect, settings,
                composer, messages, suppressions, window,
                stockLevels.getIfUnique(() -> (store, product, sku) -> true),
                new RestockOptions(properties.subscribersPerUnit(), properties.minWave(), properties.maxWave(),
                        properties.waveInterval(), RestockOptions.defaults().batchSize()),
                properties.unsubscribeLinks(), productLinks.getIfUnique(() -> (store, product, url) -> url), time);
        return new BackgroundJobs(properties.dispatcherEnabled(),
                new DispatcherLoop(dispatcher, purchases, properties.pollInterval(), time),
                fanOut, retention, receipts, properties.pollInterval(), GuardedGateway.lookupOf(gateway)
                        .map(lookup -> new UncertainReconciler(messages, lookup, gateway.name(), time)));
    }

    /**
     * The gateway {@code torpedo.sms.gateway} names. A provider whose settings are incomplete stops the start-up,
     * naming the missing properties (never their values).
     */
    static SmsGateway builtInGateway(TorpedoSmsProperties properties, JdbcTemplate jdbc,
                                     ObjectProvider<ProviderHttp> http, Clock clock) {
        SmsGateway provider;
        switch (properties.gateway()) {
            case "sandbox" -> {
                log.info("Torpedo SMS uses the sandbox gateway: messages are stored in sms_sandbox_outbox, not sent");
                return new SandboxSmsGateway(jdbc, clock);
            }
            case "zenvia" -> {
                requireSettings("zenvia", properties.zenvia().missing());
                provider = new ZenviaSmsGateway(http.getObject(), properties.zenvia(), clock);
            }
            case "twilio" -> {
                requireSettings("twilio", properties.twilio().missing());
                provider = new TwilioSmsGateway(http.getObject(), properties.twilio(), clock);
            }
            case "webhook" -> {
                requireSettings("webhook", properties.webhook().missing());
                provider = new WebhookSmsGateway(http.getObject(), properties.webhook(), clock);
            }
            default -> throw new IllegalStateException("Unknown torpedo.sms.gateway '" + properties.gateway()
                    + "': use sandbox, zenvia, twilio or webhook, or declare an SmsGateway bean");
        }
        GuardedGateway guarded = new GuardedGateway(provider, properties.guard(), clock);
        log.info("Torpedo SMS sends through {}", guarded);
        return guarded;
    }

    private static void requireSettings(String gateway, List<String> missing) {
        if (!missing.isEmpty()) {
            throw new IllegalStateException("torpedo.sms.gateway=" + gateway + " needs "
                    + String.join(", ", missing.stream().map(name -> "torpedo.sms." + gateway + "." + name).toList())
                    + ": not set");
        }
    }

    private static StoreProfiles storeProfiles(ObjectProvider<StoreProfiles> provider) {
        return provider.getIfUnique(() -> {
            log.warn("No StoreProfiles bean: restock alerts stay paused until the host tells which stores have "
                    + "inventory control and availability notices on");
            return store -> Optional.empty();
        });
    }

    private static Clock clock(ObjectProvider<Clock> provider) {
        return provider.getIfUnique(Clock::systemUTC);
    }
}
