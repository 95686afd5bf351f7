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
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A plain Spring host: one {@code @Import}, its own data source and transaction manager. */
class TorpedoSmsConfigurationTest {

    static final StoreId STORE = StoreId.of("42");
    static final MutableClock CLOCK = MutableClock.at("2026-03-10T17:00:00Z");

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
    }

    @Test
    void withTheDispatcherOffThisNodeOnlyQueues() {
        start(Map.of("torpedo.sms.dispatcher.enabled", "false"));

        assertThat(context.getBean(BackgroundJobs.class).isRunning()).isFalse();
    }

    @Test
    void aBadPropertyStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> start(Map.of("torpedo.sms.dispatcher.lease", "soon")))
                .hasStackTraceContaining("torpedo.sms.dispatcher.lease is a duration such as 30s");
    }
}
