package dev.torpedo.sms.impl.spring;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.extension.ExtensionResultStatus;
import dev.torpedo.sms.api.extension.MessageDraft;
import dev.torpedo.sms.api.extension.SmsExtensionHandler;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.api.spi.SmsProfile;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.encoding.SegmentCounter;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A plain Spring host: one {@code @Import}, its own data source and transaction manager. */
class TorpedoSmsConfigurationTest {

    static final StoreId STORE = StoreId.of("42");
    static final MutableClock CLOCK = MutableClock.at("2026-03-10T17:00:00Z");

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestDatabase.Db db = TestDatabase.H2.create();
    private AnnotationConfigApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
        db.close();
    }

    @Configuration(proxyBeanMethods = false)
    @Import(TorpedoSmsConfiguration.class)
    static class Host {
        @Bean
        Clock clock() {
            return CLOCK;
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SmsExtensionHandler tagsEveryMessage() {
            return new SmsExtensionHandler() {
                @Override
                public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                    return ExtensionResultStatus.HANDLED_CONTINUE;
                }
            };
        }
    }

    private void start(Map<String, Object> properties) {
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.registerBean(DataSource.class, db::dataSource);
        context.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(db.dataSource()));
        context.register(Host.class);
        context.refresh();
    }

    @Test
    void aHostImportsOneConfigurationAndAnOrderReachesTheSandboxInbox() {
        start(Map.of("torpedo.sms.dispatcher.poll-interval", "50ms"));
        context.getBean(StoreSettingsRepository.class).save(new StoreSettings(STORE, SmsMode.NEW_ORDER,
                Sender.of("Loja da Ana"), Contact.of("1133334444")));
        context.getBean(CreditLedger.class).grantFreeCredits(STORE);
        SmsHook hook = context.getBean(SmsHook.class);
        TransactionTemplate hostTransaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

        HookResult result = hostTransaction.execute(status -> hook.orderCreated(new OrderCreated(STORE, "981", "981",
                "Ana", "(11) 91234-5678", new BigDecimal("10.00"), "SUBMITTED")));

        assertThat(result).isEqualTo(HookResult.queued());
        MessageRepository messages = context.getBean(MessageRepository.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(messages.find(STORE, "order:981:created").orElseThrow().status()).isEqualTo(MessageStatus.SENT));
        SandboxSmsGateway inbox = new SandboxSmsGateway(new JdbcTemplate(db.dataSource()), CLOCK);
        assertThat(inbox.inbox(MobileNumber.of("+5511912345678"), 10)).singleElement()
                .satisfies(sms -> assertThat(sms.body()).startsWith("Loja da Ana: Ola Ana"));
        assertThat(context.getBean(CreditLedger.class).balance(STORE)).isEqualTo(9);
        assertThat(context.getBean(MeterRegistry.class).get("torpedo.sms.sent").counter().count()).isEqualTo(1);
        assertThat(context.getBean(MeterRegistry.class).get("torpedo.sms.enqueued").counter().count()).isEqualTo(1);
        assertThat(context.getBean(SmsExtensionManager.class).handlers()).hasSize(1);
        // The sandbox needs no HTTP client: none was made.
        assertThat(context.getBeanFactory().containsSingleton("torpedoSmsProviderHttp")).isFalse();
    }

    @Test
    void aWebhookProviderReceivesTheOrderSignedAndTheHttpClientClosesWithTheContext() {
        provider.stubFor(post("/sms").willReturn(okJson("{\"id\": \"hook-981\"}")));
        start(Map.of("torpedo.sms.dispatcher.poll-interval", "50ms", "torpedo.sms.gateway", "webhook",
                "torpedo.sms.webhook.url", provider.baseUrl() + "/sms", "torpedo.sms.webhook.secret", "s3cret"));
        context.getBean(StoreSettingsRepository.class).save(new StoreSettings(STORE, SmsMode.NEW_ORDER,
                Sender.of("Loja da Ana"), Contact.of("1133334444")));
        context.getBean(CreditLedger.class).grantFreeCredits(STORE);
        TransactionTemplate hostTransaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

        hostTransaction.execute(status -> context.getBean(SmsHook.class).orderCreated(new OrderCreated(STORE, "981",
                "981", "Ana", "(11) 91234-5678", new BigDecimal("10.00"), "SUBMITTED")));

        MessageRepository messages = context.getBean(MessageRepository.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(messages.find(STORE, "order:981:created").orElseThrow().providerMessageId())
                        .isEqualTo("hook-981"));
        provider.verify(1, postRequestedFor(urlEqualTo("/sms"))
                .withHeader("X-Torpedo-Timestamp", equalTo(Long.toString(CLOCK.instant().getEpochSecond())))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+5511912345678"))));
        ProviderHttp http = context.getBean(ProviderHttp.class);
        assertThat(http.isClosed()).isFalse();

        context.close();

        assertThat(http.isClosed()).isTrue();
    }

    @Test
    void withZenviaAnAccentedNameIsTransliteratedAsZenviaNeedsAndChargedAsZenviaCounts() {
        provider.stubFor(post("/v2/channels/sms/messages").willReturn(okJson("{\"id\": \"zen-981\"}")));
        start(Map.of("torpedo.sms.dispatcher.poll-interval", "50ms", "torpedo.sms.gateway", "zenvia",
                "torpedo.sms.zenvia.base-url", provider.baseUrl(), "torpedo.sms.zenvia.token", "tok-123",
                "torpedo.sms.zenvia.from", "loja", "torpedo.sms.max-segments", "3"));
        context.getBean(StoreSettingsRepository.class).save(new StoreSettings(STORE, SmsMode.NEW_ORDER,
                Sender.of("CAFÉ DA PRAÇA"), Contact.of("1133334444")));
        context.getBean(CreditLedger.class).grantFreeCredits(STORE);
        // É, Ç and é are GSM 03.38, so Twilio would send them as they are; Zenvia only in unicode, at 2 parts here.
        String name = "José Gonçalves";

        new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).execute(status -> context
                .getBean(SmsHook.class).orderCreated(new OrderCreated(STORE, "981", "981", name, "(11) 91234-5678",
                        new BigDecimal("1249.90"), "SUBMITTED")));

        MessageRepository messages = context.getBean(MessageRepository.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(messages.find(STORE, "order:981:created").orElseThrow().providerMessageId())
                        .isEqualTo("zen-981"));
        var message = messages.find(STORE, "order:981:created").orElseThrow();
        assertThat(message.body()).startsWith("CAFE DA PRACA: Ola Jose, recebemos seu pedido 981");
        assertThat(SegmentCounter.encode("CAFÉ DA PRAÇA: Ola José" + message.body().substring(23),
                ZenviaSmsGateway.PROFILE).segments()).as("as typed, under Zenvia").isEqualTo(2);
        assertThat(message.segments()).isEqualTo(1)
                .isEqualTo(SegmentCounter.encode(message.body(), ZenviaSmsGateway.PROFILE).segments());
        assertThat(context.getBean(CreditLedger.class).balance(STORE)).isEqualTo(10 - 1);
        provider.verify(1, postRequestedFor(urlEqualTo("/v2/channels/sms/messages"))
                .withRequestBody(matchingJsonPath("$.contents[0].encodingStrategy",
                        equalTo("MORE_CHARACTERS_PER_MESSAGE")))
                .withRequestBody(matchingJsonPath("$.contents[0].text", equalTo(message.body()))));
    }

    @Configuration(proxyBeanMethods = false)
    static class HostWithItsOwnGateway {
        static final SmsProfile PROFILE = SmsProfile.builder("own").standardParts(100, 90).build();

        @Bean
        SmsGateway ownGateway() {
            return new SmsGateway() {
                @Override
                public SendResult send(OutboundSms sms) {
                    return SendResult.accepted("own-" + sms.messageId());
                }

                @Override
                public SmsProfile profile() {
                    return PROFILE;
                }
            };
        }
    }

    @Test
    void aHostsOwnGatewayWinsAndItsProfileCountsTheMessages() {
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("torpedo.sms.dispatcher.enabled", "false")));
        context.registerBean(DataSource.class, db::dataSource);
        context.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(db.dataSource()));
        context.register(Host.class, HostWithItsOwnGateway.class);
        context.refresh();

        assertThat(context.getBean(SmsGateway.class)).isSameAs(context.getBean("ownGateway"));
        assertThat(context.getBean(MessageComposer.class).renderer().options().profile())
                .isSameAs(HostWithItsOwnGateway.PROFILE);
        // The built-in gateway is never made when the host brings its own.
        assertThat(context.getBeanFactory().containsSingleton("torpedoSmsGateway")).isFalse();
    }

    // A failed start closes the data source it was given: one start per test.

    @Test
    void twilioWithoutItsAuthTokenStopsTheStartNamingThePropertyButNoValue() {
        assertThatThrownBy(() -> start(Map.of("torpedo.sms.gateway", "twilio",
                "torpedo.sms.twilio.account-sid", "AC99887766554433221100", "torpedo.sms.twilio.from", "+5511999990000")))
                .hasStackTraceContaining("torpedo.sms.gateway=twilio needs torpedo.sms.twilio.auth-token: not set")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("AC99887766554433221100", "+5511999990000"));
    }

    @Test
    void zenviaWithoutItsSenderStopsTheStartNamingThePropertyButNotTheToken() {
        assertThatThrownBy(() -> start(Map.of("torpedo.sms.gateway", "zenvia", "torpedo.sms.zenvia.token", "tok-123")))
                .hasStackTraceContaining("torpedo.sms.gateway=zenvia needs torpedo.sms.zenvia.from: not set")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("tok-123"));
    }

    @Test
    void aWebhookWithoutUrlOrSecretStopsTheStart() {
        assertThatThrownBy(() -> start(Map.of("torpedo.sms.gateway", "webhook")))
                .hasStackTraceContaining("needs torpedo.sms.webhook.url, torpedo.sms.webhook.secret: not set");
    }

    @Test
    void anUnknownGatewayStopsTheStart() {
        assertThatThrownBy(() -> start(Map.of("torpedo.sms.gateway", "smsdobrasil")))
                .hasStackTraceContaining("Unknown torpedo.sms.gateway 'smsdobrasil'");
    }

    private static String stackTrace(Throwable e) {
        var out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Test
    void thePropertiesReadEveryProviderSettingAndNeverPrintASecret() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.ofEntries(
                Map.entry("torpedo.sms.gateway", " Zenvia "),
                Map.entry("torpedo.sms.zenvia.token", "zen-secret-1"),
                Map.entry("torpedo.sms.zenvia.from", "loja"),
                Map.entry("torpedo.sms.twilio.account-sid", "AC1"),
                Map.entry("torpedo.sms.twilio.auth-token", "twilio-secret-2"),
                Map.entry("torpedo.sms.twilio.messaging-service-sid", "MG1"),
                Map.entry("torpedo.sms.twilio.status-callback-url", "https://loja.example.com/status"),
                Map.entry("torpedo.sms.webhook.url", "https://sms.example.com/in?key=url-secret-3"),
                Map.entry("torpedo.sms.webhook.secret", "hook-secret-4"),
                Map.entry("torpedo.sms.http.connect-timeout", "1s"),
                Map.entry("torpedo.sms.http.read-timeout", "3s"),
                Map.entry("torpedo.sms.http.call-timeout", "PT7S"),
                Map.entry("torpedo.sms.http.max-requests", "12"),
                Map.entry("torpedo.sms.gateway.rate-limit", "2.5"),
                Map.entry("torpedo.sms.gateway.breaker.failures", "7"),
                Map.entry("torpedo.sms.gateway.breaker.cool-down", "2m"))));

        TorpedoSmsProperties properties = TorpedoSmsProperties.from(environment);

        assertThat(properties.gateway()).isEqualTo("zenvia");
        assertThat(properties.zenvia().baseUrl()).isEqualTo("https://api.zenvia.com");
        assertThat(properties.zenvia().token()).isEqualTo("zen-secret-1");
        assertThat(properties.twilio().baseUrl()).isEqualTo("https://api.twilio.com");
        assertThat(properties.twilio().missing()).isEmpty();
        assertThat(properties.twilio().statusCallbackUrl()).isEqualTo("https://loja.example.com/status");
        assertThat(properties.webhook().secret()).isEqualTo("hook-secret-4");
        assertThat(properties.http().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.http().readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.http().callTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(properties.http().maxRequests()).isEqualTo(12);
        assertThat(properties.guard().messagesPerSecond()).isEqualTo(2.5);
        assertThat(properties.guard().breakerFailures()).isEqualTo(7);
        assertThat(properties.guard().coolDown()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.toString()).contains("****")
                .doesNotContain("zen-secret-1", "twilio-secret-2", "url-secret-3", "hook-secret-4");
    }

    @Test
    void providerSettingsHaveTheirDocumentedDefaults() {
        TorpedoSmsProperties properties = TorpedoSmsProperties.from(new StandardEnvironment());

        assertThat(properties.gateway()).isEqualTo("sandbox");
        assertThat(properties.http()).isEqualTo(ProviderHttpDefaults.HTTP);
        assertThat(properties.guard().messagesPerSecond()).isEqualTo(30);
        assertThat(properties.guard().breakerFailures()).isEqualTo(5);
        assertThat(properties.guard().coolDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.zenvia().missing()).containsExactly("token", "from");
    }

    /** The defaults the issue asks for: 2 s connect, 5 s read, 10 s per call, 64 requests in flight. */
    static final class ProviderHttpDefaults {
        static final dev.torpedo.sms.impl.gateway.HttpSettings HTTP = new dev.torpedo.sms.impl.gateway.HttpSettings(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 64);
    }

    @Test
    void withTheDispatcherOffThisNodeOnlyQueues() {
        start(Map.of("torpedo.sms.dispatcher.enabled", "false"));
        context.getBean(StoreSettingsRepository.class).save(new StoreSettings(STORE, SmsMode.NEW_ORDER,
                Sender.of("Loja da Ana"), Contact.of("1133334444")));
        TransactionTemplate hostTransaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

        HookResult result = hostTransaction.execute(status -> context.getBean(SmsHook.class).orderCreated(
                new OrderCreated(STORE, "982", "982", "Ana", "(11) 91234-5678", new BigDecimal("10.00"), "SUBMITTED")));

        assertThat(result).isEqualTo(HookResult.queued());
        assertThat(context.getBean(BackgroundJobs.class).isRunning()).isFalse();
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        assertThat(meters.get("torpedo.sms.waiting").tag("status", "queued").gauge().value()).isEqualTo(1);
        assertThat(meters.get("torpedo.sms.waiting").tag("status", "waiting_credit").gauge().value()).isZero();
    }

    @Test
    void aBadPropertyStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> start(Map.of("torpedo.sms.dispatcher.lease", "soon")))
                .hasStackTraceContaining("torpedo.sms.dispatcher.lease is a duration such as 30s");
    }
}
