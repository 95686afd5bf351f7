package dev.torpedo.sms.admin;

import static dev.torpedo.sms.admin.AdminRig.ANA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.admin.credits.CreditsService;
import dev.torpedo.sms.admin.messages.MessageLogService;
import dev.torpedo.sms.admin.orders.OrderMessagesService;
import dev.torpedo.sms.admin.settings.SettingsForm;
import dev.torpedo.sms.admin.settings.SettingsService;
import dev.torpedo.sms.admin.testsend.TestSendService;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.spi.StoreOrders;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.TestDatabase;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each page's service on its own, without MVC: what the pages show is decided here. */
class AdminServicesTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariadb extends Contract {
        OnMariadb() {
            super(TestDatabase.MARIADB);
        }
    }

    abstract static class Contract extends DatabaseContract {

        static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
        static final AdminUser ANA_USER = new AdminUser(() -> "ana", ANA, PT_BR);

        AdminRig rig;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeAll
        void startHost() {
            rig = new AdminRig(db, Instant.parse("2026-12-01T17:00:00Z"));
        }

        @AfterAll
        void stopHost() {
            rig.close();
        }

        @BeforeEach
        void resetHost() {
            rig.clock().set(Instant.parse("2026-12-01T17:00:00Z"));
            rig.profiles.put(ANA, new StoreProfile("Loja da Ana", true, true));
            rig.orders.clear();
        }

        private SettingsService settings() {
            return rig.bean(SettingsService.class);
        }

        private void save(String mode) {
            assertThat(settings().save(ANA, new SettingsForm(mode, "Loja da Ana", "sac@loja.com.br"), PT_BR).saved()).isTrue();
        }

        @Test
        void settingsAreSavedWholeOrNotAtAll() {
            SettingsService.Saved refused = settings().save(ANA, new SettingsForm("3", "Loja da Ana", "nope"), PT_BR);

            assertThat(refused.saved()).isFalse();
            assertThat(refused.view().errors()).containsOnlyKeys("contact");
            assertThat(refused.view().sender()).isEqualTo("Loja da Ana");
            assertThat(rig.bean(StoreSettingsRepository.class).findSaved(ANA)).isEmpty();

            save("3");
            assertThat(rig.bean(StoreSettingsRepository.class).find(ANA).mode()).isEqualTo(SmsMode.STATUS_CHANGES);
        }

        @Test
        void theModeRuleComesFromTheEngineAndTheHostsProfile() {
            rig.profiles.put(ANA, new StoreProfile("Loja da Ana", false, false));

            var view = settings().view(ANA, PT_BR);

            assertThat(view.modes()).filteredOn(option -> option.disabled()).extracting(m -> m.code()).containsExactly(4, 5, 6);
            assertThat(view.modes().get(4).disabledReason())
                    .isEqualTo("Exige Controle de estoque e Aviso de disponibilidade ativado em Dados da loja.");
        }

        @Test
        void aLongerSenderCanCostMoreThanOneSmsAndThePreviewSaysSo() {
            var view = settings().preview(ANA, new SettingsForm("2", "Loja Muito Comprida X",
                    "atendimento.ao.cliente@loja-da-ana.com.br"), PT_BR);

            assertThat(view.errors()).containsOnlyKeys("sender", "contact");
            var fitting = settings().preview(ANA, new SettingsForm("2", "Lojão da Ana Maria", "sac@lojadaana.com.br"), PT_BR);
            assertThat(fitting.preview()).allSatisfy(row -> {
                assertThat(row.text()).startsWith("Lojao da Ana Maria: ");
                assertThat(row.credits()).isEqualTo(row.segments());
            });
        }

        @Test
        void aTestSentOutsideTheWindowIsDescribedAsScheduledInTheRecipientsTime() {
            save("0");
            rig.clock().set(Instant.parse("2026-12-01T23:00:00Z"));
            TestSendService tests = rig.bean(TestSendService.class);

            TestSendService.Outcome outcome = tests.send(ANA_USER,
                    new TestSendService.Form("(68) 99912-3456", "test-message", FormNonce.next()));

            assertThat(outcome.sent()).isTrue();
            assertThat(tests.view(ANA_USER, outcome.messageId()).result().detail())
                    .isEqualTo("Fora do horário de envio (9h às 18h no horário do cliente): agendada para amanhã às 09:00 (horário do Acre).");
        }

        @Test
        void creditsPaidTheFridayBeforeCarnivalArriveOnAshWednesday() {
            rig.clock().set(Instant.parse("2027-02-08T15:00:00Z"));
            CreditsService credits = rig.bean(CreditsService.class);
            assertThat(credits.buy(ANA_USER, "1000")).isNull();
            long id = credits.operatorView(PT_BR).awaiting().get(0).id();
            assertThat(credits.view(ANA_USER).purchases().get(0).status())
                    .isEqualTo("Aguardando pagamento; se pago hoje, será creditado em 10/02/2027");   // Carnival Monday

            CreditsService.Confirmation confirmation = credits.confirm(id, "05/02/2027", PT_BR);

            assertThat(confirmation.creditOn()).isEqualTo("10/02/2027");
            assertThat(credits.view(ANA_USER).purchases()).singleElement().satisfies(p -> {
                assertThat(p.status()).isEqualTo("Pago em 05/02/2027; será creditado em 10/02/2027");
                assertThat(p.amount()).isEqualTo("R$ 90,00");
            });
        }

        @Test
        void anOrdersManualSendUsesTheHostsNumberAndNames() {
            save("1");
            rig.orders.put(ANA.value() + "/55", new StoreOrders.Order("A-55", "Joana Dark", "11912345678", "Enviado", "BR9"));
            OrderMessagesService orders = rig.bean(OrderMessagesService.class);

            assertThat(orders.send(ANA_USER, "55", "order-shipped", FormNonce.next())).isNull();

            var view = orders.view(ANA_USER, "55");
            assertThat(view.orderNumber()).isEqualTo("A-55");
            assertThat(view.messages()).singleElement().satisfies(m -> {
                assertThat(m.text()).isEqualTo("Loja da Ana: Seu pedido A-55 foi enviado! Rastreio: BR9 Contato: sac@loja.com.br");
                assertThat(m.recipient()).isEqualTo("+55 11 9****-5678");
                assertThat(m.requestedBy()).isEqualTo("ana");
            });
        }

        @Test
        void onlyAnUncertainMessageOfTheStoreCanBeResent() {
            save("1");
            TestSendService.Outcome sent = rig.bean(TestSendService.class).send(ANA_USER,
                    new TestSendService.Form("11912345678", "test-message", FormNonce.next()));
            MessageLogService log = rig.bean(MessageLogService.class);

            assertThat(log.resendView(ANA_USER, sent.messageId())).isEmpty();
            db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN' WHERE id = ?", sent.messageId());
            assertThat(log.resendView(new AdminUser(() -> "bia", AdminRig.BIA, PT_BR), sent.messageId())).isEmpty();

            long resend = log.resend(ANA_USER, sent.messageId()).orElseThrow();

            assertThat(rig.bean(MessageRepository.class).find(resend).orElseThrow().status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(log.view(ANA_USER, "UNCERTAIN", null).rows()).singleElement()
                    .satisfies(row -> assertThat(row.status()).isEqualTo("Incerta"));
        }
    }
}
