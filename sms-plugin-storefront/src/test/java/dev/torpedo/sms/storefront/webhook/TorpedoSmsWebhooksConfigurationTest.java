package dev.torpedo.sms.storefront.webhook;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.receipt.DeliveryReceipts;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.receipt.ZenviaWebhooks;
import dev.torpedo.sms.impl.spring.TorpedoSmsConfiguration;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.testing.TwilioTestSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A plain Spring host imports the plugin's configuration and this one, and the endpoints work on its beans. */
class TorpedoSmsWebhooksConfigurationTest {

    static final MobileNumber SHOPPER = MobileNumber.of("+5511987654321");

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
    @Import({TorpedoSmsConfiguration.class, TorpedoSmsWebhooksConfiguration.class})
    static class Host {
        @Bean
        Clock clock() {
            return MutableClock.at("2026-03-10T17:00:00Z");
        }
    }

    /** A host that declares its own Zenvia webhooks, with its own secret. */
    @Configuration(proxyBeanMethods = false)
    static class OwnZenvia {
        @Bean
        ZenviaWebhooks zenviaWebhooks(DeliveryReceipts receipts, OptOut optOut) {
            return new ZenviaWebhooks("the-hosts-own-secret", receipts, optOut);
        }

        @Bean
        DeliveryReceipts deliveryReceipts(DataSource dataSource, PlatformTransactionManager transactions,
                                          dev.torpedo.sms.impl.credit.CreditLedger ledger, Clock clock) {
            return new DeliveryReceipts(new org.springframework.jdbc.core.JdbcTemplate(dataSource), transactions, ledger, clock);
        }

        @Bean
        OptOut optOut(DataSource dataSource, PlatformTransactionManager transactions, SuppressionList suppressions,
                      dev.torpedo.sms.impl.restock.SubscriptionRepository subscriptions,
                      dev.torpedo.sms.impl.credit.CreditLedger ledger, Clock clock) {
            return new OptOut(new org.springframework.jdbc.core.JdbcTemplate(dataSource), transactions, suppressions,
                    subscriptions, ledger, clock);
        }
    }

    private MockMvc start(Map<String, Object> properties, Class<?>... configurations) {
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.registerBean(DataSource.class, db::dataSource);
        context.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(db.dataSource()));
        context.register(configurations);
        context.refresh();
        return MockMvcBuilders.standaloneSetup(context.getBean(ZenviaWebhookController.class),
                context.getBean(TwilioWebhookController.class)).build();
    }

    static String reply(String text) {
        return """
                {"type": "MESSAGE", "direction": "IN", "message": {"from": "5511987654321", "contents": [{"type": "text", "text": "%s"}]}}
                """.formatted(text);
    }

    @Test
    void theEndpointsReadTheirSecretsFromTheEnvironmentAndWorkOnThePluginsBeans() throws Exception {
        MockMvc mvc = start(Map.of("torpedo.sms.dispatcher.enabled", "false",
                TorpedoSmsWebhooksConfiguration.ZENVIA_SECRET, "zen-secret",
                TorpedoSmsWebhooksConfiguration.TWILIO_AUTH_TOKEN, "twilio-token",
                TorpedoSmsWebhooksConfiguration.PUBLIC_BASE_URL, "https://loja.example.com"), Host.class);
        SuppressionList suppressions = context.getBean(SuppressionList.class);

        mvc.perform(post(ZenviaWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(reply("SAIR"))
                .header(ZenviaWebhooks.SECRET_HEADER, "wrong")).andExpect(status().isUnauthorized());
        assertThat(suppressions.isSuppressed(SHOPPER)).isFalse();

        mvc.perform(post(ZenviaWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(reply("SAIR"))
                .header(ZenviaWebhooks.SECRET_HEADER, "zen-secret")).andExpect(status().isOk());
        assertThat(suppressions.isSuppressed(SHOPPER)).isTrue();

        Map<String, String> form = Map.of("From", "+5511987654321", "Body", "STOP");
        mvc.perform(post(TwilioWebhookController.INBOUND_PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("From", "+5511987654321").param("Body", "STOP")
                .header("X-Twilio-Signature", TwilioTestSigner.sign("twilio-token",
                        "https://loja.example.com" + TwilioWebhookController.INBOUND_PATH, form)))
                .andExpect(status().isOk());
    }

    @Test
    void withoutSecretsEveryProviderRequestIsRefused() throws Exception {
        MockMvc mvc = start(Map.of("torpedo.sms.dispatcher.enabled", "false"), Host.class);

        mvc.perform(post(ZenviaWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(reply("SAIR"))
                .header(ZenviaWebhooks.SECRET_HEADER, "")).andExpect(status().isForbidden());
        mvc.perform(post(TwilioWebhookController.INBOUND_PATH).param("From", "+5511987654321").param("Body", "STOP")
                .header("X-Twilio-Signature", "x")).andExpect(status().isForbidden());

        assertThat(context.getBean(SuppressionList.class).isSuppressed(SHOPPER)).isFalse();
    }

    @Test
    void theHostsOwnWebhookBeansWin() throws Exception {
        MockMvc mvc = start(Map.of("torpedo.sms.dispatcher.enabled", "false",
                TorpedoSmsWebhooksConfiguration.ZENVIA_SECRET, "zen-secret"), Host.class, OwnZenvia.class);

        mvc.perform(post(ZenviaWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(reply("PARE"))
                .header(ZenviaWebhooks.SECRET_HEADER, "zen-secret")).andExpect(status().isUnauthorized());
        mvc.perform(post(ZenviaWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(reply("PARE"))
                .header(ZenviaWebhooks.SECRET_HEADER, "the-hosts-own-secret")).andExpect(status().isOk());

        assertThat(context.getBean(SuppressionList.class).isSuppressed(SHOPPER)).isTrue();
    }
}
