package dev.torpedo.sms.storefront.alert;

import static dev.torpedo.sms.storefront.alert.StorefrontRig.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import dev.torpedo.sms.impl.retention.RetentionJob;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** "Avise-me" from the product page to the shopper's SMS, on H2, PostgreSQL and MariaDB. */
class AlertSignupTest {

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

        static final String MUG = "caneca-azul";

        Contract(TestDatabase database) {
            super(database);
        }

        private long subscriptions() {
            return db.count("sms_subscription", "store_id = ?", STORE.value());
        }

        private static String fieldError(StorefrontRig.Page page, String field) {
            return page.html().getElementById("torpedo-alert-" + field + "-error").text();
        }

        // --- The fragment ---

        @Test
        void aSoldOutProductOffersAviseMeWithAnUncheckedConsentAndAHoneypot() {
            StorefrontRig.Page page = rig.browser().product(MUG);

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select(".torpedo-alert h2").text()).isEqualTo("Avise-me quando chegar");
            assertThat(page.html().select("label[for=torpedo-alert-celular]").text()).isEqualTo("Celular");
            assertThat(page.html().getElementById("torpedo-alert-consentimento").hasAttr("checked")).isFalse();
            assertThat(page.html().select(".torpedo-alert a[href=/privacidade]").text()).isEqualTo("Política de privacidade");
            assertThat(page.html().select(".torpedo-alert-honeypot input[name=site]").attr("tabindex")).isEqualTo("-1");
            assertThat(page.html().select("[role=status][aria-live=polite]")).hasSize(1);
            assertThat(page.html().select("form input[name=_torpedo_csrf]").val()).isNotBlank();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3})
        void modesWithoutAlertsShowNoFragmentAndRefuseSignups(int code) {
            mode(SmsMode.fromCode(code));
            StorefrontRig.Browser shopper = rig.browser();

            assertThat(shopper.product(MUG).html().select(".torpedo-alert")).isEmpty();
            StorefrontRig.Page refused = shopper.signUp(MUG, "(11) 91234-5678", true);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.html().text()).contains("Este produto não tem aviso de disponibilidade agora.");
            assertThat(subscriptions()).isZero();
        }

        @Test
        void eitherHostFeatureOffHidesTheFragmentAndRefusesSignups() {
            for (StoreProfile off : List.of(new StoreProfile("Loja Um", false, true), new StoreProfile("Loja Um", true, false))) {
                rig.profile = off;
                StorefrontRig.Browser shopper = rig.browser();

                assertThat(shopper.product(MUG).html().select(".torpedo-alert")).isEmpty();
                assertThat(shopper.signUp(MUG, "(11) 91234-5678", true).status()).isEqualTo(404);
            }
            assertThat(subscriptions()).isZero();
        }

        @Test
        void aProductInStockOffersNoAlert() {
            rig.inStock.add(MUG);

            assertThat(rig.browser().product(MUG).html().select(".torpedo-alert")).isEmpty();
            assertThat(rig.browser().signUp(MUG, "(11) 91234-5678", true).status()).isEqualTo(404);
        }

        // --- The signup ---

        @Test
        void aSignupRecordsTheConsentItsVersionTimeAndChannel() {
            StorefrontRig.Page page = rig.browser().signUp(MUG, "(11) 91234-5678", true);

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select(".torpedo-alert-result").text())
                    .isEqualTo("Pronto! Enviaremos um SMS quando o produto chegar. Para não receber, responda SAIR.");
            String where = " FROM sms_subscription WHERE store_id = '" + STORE.value() + "'";
            assertThat(db.jdbc().queryForObject("SELECT recipient" + where, String.class)).isEqualTo("+5511912345678");
            assertThat(db.jdbc().queryForObject("SELECT consent_version" + where, String.class))
                    .isEqualTo(AlertSignupService.CONSENT_VERSION);
            assertThat(db.jdbc().queryForObject("SELECT consent_channel" + where, String.class)).isEqualTo("web");
            assertThat(db.jdbc().queryForObject("SELECT consented_at" + where, LocalDateTime.class))
                    .isEqualTo(LocalDateTime.parse("2026-12-01T17:00:00"));
            assertThat(db.jdbc().queryForObject("SELECT expires_at" + where, LocalDateTime.class))
                    .isEqualTo(LocalDateTime.parse("2027-03-01T17:00:00"));
        }

        @Test
        void signingUpTwiceAnswersAlreadySubscribedAndKeepsOneSubscription() {
            rig.browser().signUp(MUG, "11912345678", true);

            StorefrontRig.Page again = rig.browser().signUp(MUG, "+55 (11) 91234-5678", true);

            assertThat(again.html().select(".torpedo-alert-result").text())
                    .isEqualTo("Você já está inscrito: enviaremos um SMS quando o produto chegar.");
            assertThat(subscriptions()).isEqualTo(1);
        }

        @Test
        void theSameBrowserIsToldItAlreadyAskedInsteadOfBeingAskedAgain() {
            StorefrontRig.Browser shopper = rig.browser();
            shopper.signUp(MUG, "11912345678", true);

            StorefrontRig.Page page = shopper.product(MUG);

            assertThat(page.html().select(".torpedo-alert-result").text()).startsWith("Você já está inscrito");
            assertThat(page.html().select(".torpedo-alert form")).isEmpty();
            assertThat(rig.browser().product(MUG).html().select(".torpedo-alert form")).hasSize(1);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "(11) 3333-4444|Este número é de telefone fixo; informe um celular.",
                "91234|O número está incompleto. Informe o DDD e os 9 dígitos do celular, por exemplo (11) 91234-5678.",
                "+1 415 555 2671|Apenas celulares do Brasil podem receber SMS.",
                "(20) 91234-5678|O DDD 20 não existe. Confira os dois dígitos do código de área."})
        void eachInvalidPhoneGetsItsOwnMessageBesideTheFieldAndNothingIsRecorded(String typed, String message) {
            StorefrontRig.Page page = rig.browser().signUp(MUG, typed, true);

            assertThat(page.status()).isEqualTo(422);
            assertThat(fieldError(page, "celular")).isEqualTo(message);
            assertThat(page.html().getElementById("torpedo-alert-celular").attr("aria-invalid")).isEqualTo("true");
            assertThat(page.html().getElementById("torpedo-alert-celular").val()).isEqualTo(typed);
            assertThat(subscriptions()).isZero();
        }

        @Test
        void withoutConsentNothingIsRecorded() {
            StorefrontRig.Page page = rig.browser().signUp(MUG, "11912345678", false);

            assertThat(page.status()).isEqualTo(422);
            assertThat(fieldError(page, "consentimento")).isEqualTo("Marque a autorização para receber o aviso por SMS.");
            assertThat(subscriptions()).isZero();
        }

        @Test
        void tooManySignupsFromOneAddressAreAnswered429WithAFriendlyPage() {
            for (int i = 0; i < 8; i++) {
                assertThat(rig.browser().signUp("produto-" + i, "1191234000" + i, true).status()).isEqualTo(200);
            }

            StorefrontRig.Page refused = rig.browser().signUp(MUG, "11912345678", true);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.html().select("h1").text()).isEqualTo("Avise-me quando chegar");
            assertThat(refused.html().select("[role=status]").text())
                    .isEqualTo("Muitas tentativas em pouco tempo. Aguarde alguns minutos e tente de novo.");
            assertThat(subscriptions()).isEqualTo(8);
            assertThat(rig.browser().signUpByScript(MUG, "11912345678", true).status()).isEqualTo(429);

            rig.clock().advance(Duration.ofMinutes(10));
            assertThat(rig.browser().signUp(MUG, "11912345678", true).status()).isEqualTo(200);
        }

        @Test
        void oneNumberSigningUpForManyProductsIsLimitedToo() {
            for (int i = 0; i < 5; i++) {
                rig.browser().signUp("produto-" + i, "11912345678", true);
            }
            rig.clock().advance(Duration.ofMinutes(10));   // a fresh address window

            assertThat(rig.browser().signUp(MUG, "(11) 91234-5678", true).status()).isEqualTo(429);
            assertThat(subscriptions()).isEqualTo(5);
        }

        @Test
        void aFilledHoneypotLooksLikeSuccessButRecordsNothing() {
            StorefrontRig.Page page = rig.browser().signUp(MUG, "11912345678", true, "site", "http://spam.example");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select(".torpedo-alert-result").text()).startsWith("Pronto!");
            assertThat(subscriptions()).isZero();
        }

        @Test
        void aSignupWithoutTheCsrfTokenIsRefused() {
            StorefrontRig.Page page = rig.browser().signUpWithoutCsrf(MUG, "11912345678");

            assertThat(page.status()).isEqualTo(403);
            assertThat(page.html().text()).contains("O formulário expirou.");
            assertThat(subscriptions()).isZero();
        }

        @Test
        void aPageOfNoStoreIsRefused() {
            StorefrontRig.Page page = rig.browser().signUp(MUG, "11912345678", true, "pagina", "//evil.example/loja/x");

            assertThat(page.status()).isEqualTo(404);
            assertThat(subscriptions()).isZero();
        }

        @Test
        void theScriptAndSinglePageAppsGetJson() {
            StorefrontRig.Browser shopper = rig.browser();

            StorefrontRig.Page invalid = shopper.signUpByScript(MUG, "(11) 3333-4444", true);
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(invalid.body()).contains("\"status\":\"INVALID\"", "telefone fixo");

            StorefrontRig.Page script = shopper.signUpByScript(MUG, "11912345678", true);
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.body()).contains("\"status\":\"SUBSCRIBED\"");

            StorefrontRig.Page app = shopper.signUpAsJson("{\"produto\":\"" + MUG + "\",\"celular\":\"21987654321\","
                    + "\"consentimento\":true,\"pagina\":\"/loja/produtos/" + MUG + "\"}");
            assertThat(app.status()).isEqualTo(200);
            assertThat(app.body()).contains("\"status\":\"SUBSCRIBED\"");
            assertThat(db.jdbc().queryForList("SELECT consent_channel FROM sms_subscription ORDER BY id", String.class))
                    .containsExactly("web", "json");
        }

        @Test
        void aProductNameWithMarkupIsEscapedOnThePageAndLiteralInTheSms() {
            String name = "<b>Caneca</b> ${7*7}";
            rig.names.put(MUG, name);
            StorefrontRig.Page page = rig.browser().product(MUG);
            assertThat(page.html().select("h1").text()).isEqualTo(name);
            assertThat(page.html().select("h1 b")).isEmpty();
            rig.browser().signUp(MUG, "11912345678", true);

            restock(MUG, name);

            assertThat(rig.gateway().calls()).singleElement().satisfies(sms ->
                    assertThat(sms.text()).contains("<b>Caneca</b> ${7*7} voltou ao estoque"));
        }

        // --- Unsubscribe link ---

        private void enableUnsubscribeLink() {
            db.tx().executeWithoutResult(s -> rig.bean(StoreSettingsRepository.class).save(new StoreSettings(STORE,
                    SmsMode.STATUS_CHANGES_WITH_AVAILABILITY, Sender.of("Loja Um"), Contact.of("1133334444"), true)));
        }

        private String stopLinkOf(OutboundSms sms) {
            String text = sms.text();
            int at = text.indexOf("Sair: loja.com.br/sair/");
            assertThat(at).as(text).isPositive();
            String url = text.substring(at + "Sair: loja.com.br".length());
            return url.substring(0, url.indexOf(' '));
        }

        @Test
        void anAlertCarriesItsOwnStopLinkWhenTheStoreEnablesItAndStillFitsOneSms() {
            enableUnsubscribeLink();
            rig.browser().signUp(MUG, "11912345678", true);

            restock(MUG, "Camiseta Azul");

            OutboundSms sms = rig.gateway().calls().get(0);
            assertThat(sms.text()).matches("Loja Um: Camiseta Azul voltou ao estoque! Compre: loja.com.br/p/caneca-azul"
                    + " Sair: loja.com.br/sair/[0-9a-z]+-[A-Za-z0-9_-]{12} Contato: 1133334444");
            assertThat(sms.segments()).isEqualTo(1);
        }

        @Test
        void theHostMayShortenTheProductLinkAndItsFailureKeepsTheLinkGiven() {
            rig.productLinks = (store, product, url) -> "lj.co/" + product.length();
            rig.browser().signUp(MUG, "11912345678", true);
            restock(MUG, "Camiseta Azul");
            assertThat(rig.gateway().calls().get(0).text()).contains("Compre: lj.co/11 ");

            rig.resetGateway();
            rig.inStock.clear();
            rig.productLinks = (store, product, url) -> {
                throw new IllegalStateException("shortener down");
            };
            rig.browser().signUp(MUG, "21987654321", true);
            restock(MUG, "Camiseta Azul");
            assertThat(rig.gateway().calls()).singleElement()
                    .satisfies(sms -> assertThat(sms.text()).contains("Compre: loja.com.br/p/caneca-azul "));
        }

        @Test
        void withoutTheStoresChoiceAlertsCarryNoLink() {
            rig.browser().signUp(MUG, "11912345678", true);

            restock(MUG, "Camiseta Azul");

            assertThat(rig.gateway().calls().get(0).text()).doesNotContain("Sair:");
        }

        @Test
        void theLinkAsksFirstAndThenStopsEverySmsToTheNumber() {
            enableUnsubscribeLink();
            rig.browser().signUp(MUG, "11912345678", true);
            restock(MUG, "Camiseta Azul");
            String path = stopLinkOf(rig.gateway().calls().get(0));
            StorefrontRig.Browser shopper = rig.browser();

            StorefrontRig.Page question = shopper.get(path);
            assertThat(question.status()).isEqualTo(200);
            assertThat(question.html().select("h1").text()).isEqualTo("Parar de receber SMS");
            assertThat(question.html().select("p").text())
                    .isEqualTo("Deseja que o número +55 11 9****-5678 não receba mais SMS desta loja?");
            assertThat(db.count("sms_suppression", "")).as("opening the link changes nothing").isZero();

            StorefrontRig.Page done = shopper.post(path);
            assertThat(done.html().select("[role=status]").text())
                    .isEqualTo("Pronto: o número +55 11 9****-5678 não receberá mais SMS.");
            assertThat(db.count("sms_suppression", "")).isEqualTo(1);

            rig.inStock.clear();
            rig.browser().signUp(MUG, "11912345678", true);
            rig.resetGateway();
            restock(MUG, "Camiseta Azul");
            assertThat(rig.gateway().calls()).isEmpty();
        }

        @Test
        void aForgedOrBorrowedTokenStopsNothing() {
            enableUnsubscribeLink();
            rig.browser().signUp(MUG, "11912345678", true);
            rig.browser().signUp(MUG, "21987654321", true);
            restock(MUG, "Camiseta Azul");
            String first = stopLinkOf(rig.gateway().calls().get(0));
            String second = stopLinkOf(rig.gateway().calls().get(1));
            String firstId = first.substring(first.lastIndexOf('/') + 1, first.indexOf('-'));
            String secondSignature = second.substring(second.indexOf('-'));

            List<String> forged = List.of(
                    first.substring(0, first.length() - 1) + (first.endsWith("A") ? "B" : "A"),   // one character off
                    "/sair/" + firstId + secondSignature,                                          // another's signature
                    "/sair/zz-AAAAAAAAAAAA", "/sair/not-a-token", "/sair/" + firstId);
            for (String path : forged) {
                StorefrontRig.Browser shopper = rig.browser();
                assertThat(shopper.get(path).status()).as(path).isEqualTo(404);
                assertThat(shopper.post(path).html().select("[role=status]").text()).as(path)
                        .startsWith("Este link não é válido ou expirou.");
            }
            assertThat(db.count("sms_suppression", "")).isZero();
        }

        // --- End to end ---

        private void restock(String product, String name) {
            rig.inStock.add(product);
            db.tx().executeWithoutResult(s -> rig.hook().productRestocked(new ProductRestocked(STORE, product, null, name,
                    "loja.com.br/p/" + product, 0, 10)));
            rig.runBackgroundJobs();
        }

        @Test
        void threeShoppersAreToldOnceEachInSignupOrderInsideTheWindowAndNobodyTwice() {
            List<String> phones = List.of("11911110001", "21922220002", "92933330003", "11944440004");
            for (String phone : phones) {
                rig.browser().signUp(MUG, phone, true);
            }
            // The fourth shopper changed their mind: SAIR-like cancellation of that signup.
            rig.bean(SubscriptionRepository.class).cancelAll(MobileNumber.of("+5511944440004"));
            // Evening in São Paulo: the alerts wait for the window.
            rig.clock().set(Instant.parse("2026-12-01T23:30:00Z"));

            restock(MUG, "Caneca Azul");
            assertThat(rig.gateway().calls()).isEmpty();
            rig.clock().set(Instant.parse("2026-12-02T14:00:00Z"));   // 11:00 in São Paulo, 10:00 in Manaus
            rig.runBackgroundJobs();

            // Queued first come first served; sent by concurrent senders, so the gateway sees them in any order.
            assertThat(db.jdbc().queryForList("SELECT recipient FROM sms_message WHERE kind = 'BACK_IN_STOCK' ORDER BY id",
                    String.class)).containsExactly("+5511911110001", "+5521922220002", "+5592933330003");
            List<OutboundSms> sent = rig.gateway().calls();
            assertThat(sent).extracting(sms -> sms.to().e164())
                    .containsExactlyInAnyOrder("+5511911110001", "+5521922220002", "+5592933330003");
            assertThat(sent).allSatisfy(sms -> {
                int hour = rig.clock().instant().atZone(ZoneId.of("America/Manaus")).getHour();
                assertThat(hour).isBetween(9, 17);
                assertThat(sms.text()).startsWith("Loja Um: ").contains("Caneca Azul");
            });

            rig.inStock.clear();
            restock(MUG, "Caneca Azul");
            assertThat(rig.gateway().calls()).hasSize(3);
        }

        @Test
        void anExpiredSignupIsToldNothingAndLosesItsNumber() {
            rig.browser().signUp(MUG, "11912345678", true);
            rig.clock().set(AFTERNOON.plus(Duration.ofDays(91)));

            restock(MUG, "Caneca Azul");
            assertThat(rig.gateway().calls()).isEmpty();

            new RetentionJob(new NullBindingJdbcTemplate(db.dataSource()), rig.clock()).purge();
            assertThat(db.jdbc().queryForObject("SELECT status FROM sms_subscription", String.class)).isEqualTo("EXPIRED");
            assertThat(db.jdbc().queryForObject("SELECT recipient FROM sms_subscription", String.class)).isNull();
        }
    }
}
