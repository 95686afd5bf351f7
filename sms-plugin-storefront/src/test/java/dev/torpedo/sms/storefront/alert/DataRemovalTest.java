package dev.torpedo.sms.storefront.alert;

import static dev.torpedo.sms.storefront.alert.StorefrontRig.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.web.CsrfTokens;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** "Remover meus dados" from the shopper's page to an empty database, on H2, PostgreSQL and MariaDB. */
class DataRemovalTest {

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

    abstract static class Contract extends StorefrontContract {

        static final MobileNumber ANA = MobileNumber.of("+5511912345678");
        static final Pattern CODE = Pattern.compile("dados: (\\d{6})\\.");

        Contract(TestDatabase database) {
            super(database);
        }

        private StorefrontRig.Page askForCode(StorefrontRig.Browser shopper, String phone) {
            return shopper.perform(MockMvcRequestBuilders.post(DataRemovalController.PATH)
                    .contentType("application/x-www-form-urlencoded").param(CsrfTokens.PARAMETER, shopper.csrfToken())
                    .param("pagina", "/loja/produtos/x").param("celular", phone));
        }

        private StorefrontRig.Page typeCode(StorefrontRig.Browser shopper, StorefrontRig.Page codePage, String code) {
            return shopper.perform(MockMvcRequestBuilders.post(DataRemovalController.CONFIRM_PATH)
                    .contentType("application/x-www-form-urlencoded").param(CsrfTokens.PARAMETER, shopper.csrfToken())
                    .param("pagina", "/loja/produtos/x").param("pedido", codePage.html().select("input[name=pedido]").val())
                    .param("codigo", code));
        }

        private String codeSentTo(MobileNumber number) {
            rig.runBackgroundJobs();
            OutboundSms sms = rig.gateway().calls().stream().filter(c -> c.to().equals(number)).reduce((a, b) -> b)
                    .orElseThrow();
            Matcher matcher = CODE.matcher(sms.text());
            assertThat(matcher.find()).as(sms.text()).isTrue();
            return matcher.group(1);
        }

        @Test
        void aShopperProvesTheNumberAndThenNoTableOfThePluginHoldsIt() {
            rig.browser().signUp("caneca-azul", "(11) 91234-5678", true);
            rig.browser().signUp("camiseta", "(11) 91234-5678", true);
            StorefrontRig.Browser shopper = rig.browser();

            StorefrontRig.Page codePage = askForCode(shopper, "(11) 91234-5678");
            assertThat(codePage.status()).isEqualTo(200);
            assertThat(codePage.html().select("h1").text()).isEqualTo("Remover meus dados");
            assertThat(codePage.response().getHeader("Content-Security-Policy")).doesNotContain("unsafe-inline")
                    .contains("script-src 'self'");
            assertThat(codePage.response().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(codePage.response().getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
            assertThat(codePage.response().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(codePage.html().select("[role=status]").text())
                    .isEqualTo("Enviamos um código por SMS para +55 11 9****-5678. Ele chega em instantes; digite-o abaixo.");
            String code = codeSentTo(ANA);

            StorefrontRig.Page wrong = typeCode(shopper, codePage, code.equals("000000") ? "111111" : "000000");
            assertThat(wrong.status()).isEqualTo(422);
            assertThat(wrong.html().getElementById("torpedo-removal-codigo-error").text())
                    .isEqualTo("Código incorreto. Você ainda pode tentar 4 vez(es).");

            StorefrontRig.Page done = typeCode(shopper, wrong, code);
            assertThat(done.html().select("[role=status]").text())
                    .isEqualTo("Pronto: removemos o número +55 11 9****-5678 e seus avisos. Não enviaremos mais SMS para ele.");

            assertThat(db.textColumnsHolding(ANA.e164())).isEmpty();
            assertThat(db.textColumnsHolding(ANA.nationalNumber())).isEmpty();
            assertThat(rig.bean(SuppressionList.class).isSuppressed(ANA)).isTrue();
            assertThat(db.count("sms_subscription", "status = 'CANCELLED'")).isEqualTo(2);
            assertThat(db.count("sms_message", "kind = 'DATA_REMOVAL' AND credits_debited = 1"))
                    .as("the code was paid by the store, and shows in its log").isEqualTo(1);
            assertThat(typeCode(shopper, wrong, code).html().select("[role=status]").text())
                    .as("a code works once").startsWith("Este pedido expirou ou já foi usado.");
        }

        @Test
        void outsideTheWindowThePageSaysWhenTheCodeArrives() {
            rig.clock().set(Instant.parse("2026-12-01T23:00:00Z"));

            StorefrontRig.Page codePage = askForCode(rig.browser(), "11912345678");

            assertThat(codePage.html().select("[role=status]").text())
                    .contains("Ele chega amanhã às 09:00 (horário de Brasília)");
        }

        @Test
        void fiveWrongCodesEndTheRequest() {
            StorefrontRig.Browser shopper = rig.browser();
            StorefrontRig.Page codePage = askForCode(shopper, "11912345678");
            String code = codeSentTo(ANA);
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 0; i < 5; i++) {
                typeCode(shopper, codePage, wrong);
            }

            assertThat(typeCode(shopper, codePage, code).html().select("[role=status]").text())
                    .startsWith("Este pedido expirou ou já foi usado.");
            assertThat(db.textColumnsHolding(ANA.e164())).isNotEmpty();
        }

        @Test
        void aLandlineIsToldBesideTheFieldAndNoCodeIsSent() {
            StorefrontRig.Page page = askForCode(rig.browser(), "(11) 3333-4444");

            assertThat(page.status()).isEqualTo(422);
            assertThat(page.html().getElementById("torpedo-removal-celular-error").text())
                    .isEqualTo("Este número é de telefone fixo; informe um celular.");
            assertThat(db.count("sms_removal_code", "")).isZero();
        }

        @Test
        void aStoreWithoutCreditCannotSendTheCodeAndSaysWhereToTurn() {
            db.jdbc().update("UPDATE sms_credit_account SET balance = 0");

            StorefrontRig.Page page = askForCode(rig.browser(), "11912345678");

            assertThat(page.html().select("[role=alert]").text()).startsWith("Não foi possível enviar o código");
            assertThat(db.count("sms_removal_code", "")).isZero();
            assertThat(db.count("sms_message", "")).isZero();
        }

        @Test
        void askingWithoutTheCsrfTokenIsRefused() {
            StorefrontRig.Browser shopper = rig.browser();
            StorefrontRig.Page page = shopper.perform(MockMvcRequestBuilders.post(DataRemovalController.PATH)
                    .contentType("application/x-www-form-urlencoded").param("pagina", "/loja/x").param("celular", "11912345678"));

            assertThat(page.status()).isEqualTo(403);
            assertThat(db.count("sms_removal_code", "")).isZero();
        }
    }
}
