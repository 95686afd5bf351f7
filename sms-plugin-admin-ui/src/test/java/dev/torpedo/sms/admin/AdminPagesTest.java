package dev.torpedo.sms.admin;

import static dev.torpedo.sms.admin.AdminRig.ANA;
import static dev.torpedo.sms.admin.AdminRig.BIA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.spi.StoreOrders;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueuedMessage;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every admin page over MockMvc, asserted on its HTML with jsoup, on H2, PostgreSQL and MariaDB. */
class AdminPagesTest {

    @Nested
    class OnH2 extends AdminPagesContract {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgresql extends AdminPagesContract {
        OnPostgresql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariadb extends AdminPagesContract {
        OnMariadb() {
            super(TestDatabase.MARIADB);
        }
    }

    abstract static class AdminPagesContract extends DatabaseContract {

        /** A Tuesday, 20:00 in São Paulo: outside the window. */
        static final Instant TUESDAY_EVENING = Instant.parse("2026-12-01T23:00:00Z");
        /** A Tuesday, 14:00 in São Paulo: inside the window. */
        static final Instant TUESDAY_AFTERNOON = Instant.parse("2026-12-01T17:00:00Z");

        AdminRig rig;
        StoreSettingsRepository settings;
        MessageRepository messages;
        CreditLedger ledger;

        AdminPagesContract(TestDatabase database) {
            super(database);
        }

        @BeforeAll
        void startHost() {
            rig = new AdminRig(db, TUESDAY_AFTERNOON);
            settings = rig.bean(StoreSettingsRepository.class);
            messages = rig.bean(MessageRepository.class);
            ledger = rig.bean(CreditLedger.class);
        }

        @AfterAll
        void stopHost() {
            rig.close();
        }

        @BeforeEach
        void resetHost() {
            rig.clock().set(TUESDAY_AFTERNOON);
            rig.profiles.put(ANA, new StoreProfile("Loja da Ana", true, true));
            rig.profiles.put(BIA, new StoreProfile("Loja da Bia", true, true));
            rig.orders.clear();
            rig.profilesFailure = null;
        }

        private void configure(dev.torpedo.sms.api.StoreId store, SmsMode mode) {
            db.tx().executeWithoutResult(s -> settings.save(new StoreSettings(store, mode, Sender.of("Loja da Ana"),
                    Contact.of("1133334444"))));
        }

        private static String fieldError(AdminRig.Page page, String id) {
            Element error = page.html().getElementById(id + "-error");
            return error == null ? null : error.text();
        }

        // --- "Envio de SMS" ---

        @Test
        void theSettingsSectionOffersTheSevenModesWithTheSeedsLabels() {
            AdminRig.Page page = rig.as("ana").get(AdminPaths.SETTINGS);

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select("#torpedo-envio option").eachText()).containsExactly(
                    "(0) Desativado", "(1) Manual", "(2) Pedido novo", "(3) Alteração de status",
                    "(4) Manual + Disponibilidade de produto", "(5) Pedido novo + Disponibilidade de produto",
                    "(6) Alteração de status + Disponibilidade de produto");
            assertThat(page.html().select("#torpedo-envio option[disabled]")).isEmpty();
            assertThat(page.html().select("label[for=torpedo-remetente]").text()).isEqualTo("Remetente SMS");
            assertThat(page.html().select("label[for=torpedo-contato]").text()).isEqualTo("Contato SMS");
            assertThat(page.html().select("button").eachText()).contains("Gravar");
        }

        @Test
        void aStoreNotSetUpYetSeesTheFormWithoutErrorsUntilItSavesOne() {
            AdminRig.Page page = rig.as("ana").get(AdminPaths.SETTINGS);

            assertThat(page.html().select("#torpedo-envio option[selected]").val()).isEqualTo("0");
            assertThat(page.html().select(".torpedo-error-summary, .torpedo-field-error")).isEmpty();
            assertThat(page.html().select("[aria-invalid]")).isEmpty();
        }

        @Test
        void thePluginsOwnPagesHaveOneH1AndInAHostsPageTheSectionSitsUnderTheHostsH1() {
            configure(ANA, SmsMode.NEW_ORDER);
            AdminRig.Browser ana = rig.as("ana");

            for (String path : List.of(AdminPaths.SETTINGS, AdminPaths.TEST, AdminPaths.CREDITS, AdminPaths.MESSAGES)) {
                Document html = ana.get(path).html();
                assertThat(html.select("h1")).as(path).hasSize(1);
                assertThat(html.select("h1").hasClass("torpedo-title")).as(path).isTrue();
                assertHeadingsStepDownOneAtATime(path, html);
            }
            AdminRig.Page refused = ana.post(AdminPaths.SETTINGS, "envio", "2", "remetente", "",
                    "contato", "1133334444", "acao", "gravar");
            assertThat(refused.html().select("h1").text()).isEqualTo("Envio de SMS");
            assertThat(refused.html().select(".torpedo-error-summary-title").first().tagName()).isEqualTo("h2");
            assertHeadingsStepDownOneAtATime("refused save", refused.html());

            Document host = ana.get("/host/dados-da-loja").html();
            assertThat(host.select("h1").text()).isEqualTo("Dados da loja");
            assertThat(host.select("#torpedo-settings-title").first().tagName()).isEqualTo("h2");
            assertHeadingsStepDownOneAtATime("host page", host);
        }

        /** A page's headings start at h1 and never skip a level going down, as screen readers list them. */
        private static void assertHeadingsStepDownOneAtATime(String page, Document html) {
            List<Integer> levels = html.select("h1, h2, h3, h4, h5, h6").stream()
                    .map(heading -> heading.tagName().charAt(1) - '0').toList();
            assertThat(levels).as(page).isNotEmpty().first().isEqualTo(1);
            for (int i = 1; i < levels.size(); i++) {
                assertThat(levels.get(i)).as(page + ": " + levels).isLessThanOrEqualTo(levels.get(i - 1) + 1);
            }
        }

        @Test
        void aHostEmbedsTheSectionInItsOwnPageAndItsFormPostsToThePlugin() {
            configure(ANA, SmsMode.NEW_ORDER);

            AdminRig.Page page = rig.as("ana").get("/host/dados-da-loja");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select("h1").text()).isEqualTo("Dados da loja");
            assertThat(page.html().select("#host-form label").text()).isEqualTo("Controle de estoque");
            assertThat(page.html().select("form[action=" + AdminPaths.SETTINGS + "] input[name=_torpedo_csrf]").val())
                    .isNotBlank();
            assertThat(page.html().select("#torpedo-envio option[selected]").val()).isEqualTo("2");
            assertThat(page.html().select("link[rel=stylesheet]").attr("href")).isEqualTo(AdminPaths.ASSETS + "/admin.css");
        }

        @Test
        void savedFromTheHostsPageTheFormGoesBackThereAndNeverToAnotherSite() {
            AdminRig.Browser ana = rig.as("ana");
            assertThat(ana.get("/host/dados-da-loja").html().select("form[action=" + AdminPaths.SETTINGS
                    + "] input[name=voltar]").val()).isEqualTo("/host/dados-da-loja");

            assertThat(ana.post(AdminPaths.SETTINGS, "envio", "3", "remetente", "Loja da Ana", "contato", "1133334444",
                    "acao", "gravar", "voltar", "/host/dados-da-loja").redirect()).isEqualTo("/host/dados-da-loja");
            for (String elsewhere : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example",
                    "/a/../../x", "javascript:alert(1)")) {
                assertThat(ana.post(AdminPaths.SETTINGS, "envio", "3", "remetente", "Loja da Ana", "contato",
                        "1133334444", "acao", "gravar", "voltar", elsewhere).redirect())
                        .as(elsewhere).isEqualTo(AdminPaths.SETTINGS);
            }
            AdminRig.Page refused = ana.post(AdminPaths.SETTINGS, "envio", "9", "remetente", "Loja da Ana",
                    "contato", "1133334444", "acao", "gravar", "voltar", "/host/dados-da-loja");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.html().select("input[name=voltar]").val()).isEqualTo("/host/dados-da-loja");
        }

        @Test
        void gravarSavesModeSenderAndContactAndShowsThemBack() {
            AdminRig.Browser ana = rig.as("ana");

            AdminRig.Page saved = ana.post(AdminPaths.SETTINGS, "envio", "3", "remetente", "Loja da Ana",
                    "contato", "(11) 3333-4444", "linkSair", "sim", "acao", "gravar");

            assertThat(saved.status()).isEqualTo(302);
            assertThat(settings.find(ANA)).isEqualTo(new StoreSettings(ANA, SmsMode.STATUS_CHANGES,
                    Sender.of("Loja da Ana"), Contact.of("1133334444"), true));
            assertThat(ana.get(AdminPaths.SETTINGS).html().getElementById("torpedo-link-sair").hasAttr("checked")).isTrue();
            AdminRig.Page page = ana.get(AdminPaths.SETTINGS);
            assertThat(page.html().select("#torpedo-envio option[selected]").val()).isEqualTo("3");
            assertThat(page.html().getElementById("torpedo-remetente").val()).isEqualTo("Loja da Ana");
            assertThat(page.html().getElementById("torpedo-contato").val()).isEqualTo("1133334444");
        }

        @Test
        void eachFieldErrorIsShownBesideItsFieldInPortugueseAndNothingIsSaved() {
            configure(ANA, SmsMode.NEW_ORDER);
            StoreSettings before = settings.find(ANA);

            AdminRig.Page page = rig.as("ana").post(AdminPaths.SETTINGS, "envio", "9", "remetente", "X",
                    "contato", "ligue pra gente", "acao", "gravar");

            assertThat(page.status()).isEqualTo(422);
            assertThat(fieldError(page, "torpedo-envio")).isEqualTo("Erro: Escolha uma das opções de Envio de SMS.");
            assertThat(fieldError(page, "torpedo-remetente"))
                    .isEqualTo("Erro: O Remetente SMS deve ter de 2 a 20 caracteres, em uma linha.");
            assertThat(fieldError(page, "torpedo-contato"))
                    .isEqualTo("Erro: Informe um e-mail ou um telefone com DDD, como 1133334444 (até 40 caracteres).");
            assertThat(page.html().select(".torpedo-error-summary a").eachAttr("href"))
                    .containsExactly("#torpedo-envio", "#torpedo-remetente", "#torpedo-contato");
            assertThat(page.html().getElementById("torpedo-remetente").attr("aria-describedby"))
                    .contains("torpedo-remetente-error");
            assertThat(page.html().getElementById("torpedo-remetente").val()).isEqualTo("X");
            assertThat(page.html().getElementById("torpedo-contato").val()).isEqualTo("ligue pra gente");
            assertThat(settings.find(ANA)).isEqualTo(before);
        }

        @Test
        void oneWrongFieldSavesNoneOfTheOthers() {
            configure(ANA, SmsMode.NEW_ORDER);

            AdminRig.Page page = rig.as("ana").post(AdminPaths.SETTINGS, "envio", "3", "remetente", "Outra Loja",
                    "contato", "", "acao", "gravar");

            assertThat(fieldError(page, "torpedo-contato")).isEqualTo("Erro: Preencha o Contato SMS: um e-mail ou um telefone com DDD.");
            assertThat(settings.find(ANA).mode()).isEqualTo(SmsMode.NEW_ORDER);
            assertThat(settings.find(ANA).sender()).isEqualTo(Sender.of("Loja da Ana"));
        }

        @Test
        void modesFourToSixAreDisabledWithTheReasonWhileTheHostLacksAFeature() {
            rig.profiles.put(ANA, new StoreProfile("Loja da Ana", true, false));

            AdminRig.Page page = rig.as("ana").get(AdminPaths.SETTINGS);

            assertThat(page.html().select("#torpedo-envio option[disabled]").eachAttr("value")).containsExactly("4", "5", "6");
            assertThat(page.html().select("#torpedo-envio option[value=4]").text())
                    .contains("Exige Aviso de disponibilidade ativado em Dados da loja.");
        }

        @Test
        void modesFourToSixCannotBeSavedWithoutBothFeaturesButCanWithThem() {
            rig.profiles.put(ANA, new StoreProfile("Loja da Ana", false, true));
            AdminRig.Browser ana = rig.as("ana");

            AdminRig.Page refused = ana.post(AdminPaths.SETTINGS, "envio", "6", "remetente", "Loja da Ana",
                    "contato", "1133334444");

            assertThat(fieldError(refused, "torpedo-envio"))
                    .isEqualTo("Erro: As opções (4), (5) e (6) exigem Controle de estoque ativado em Dados da loja.");
            assertThat(settings.findSaved(ANA)).isEmpty();

            rig.profiles.put(ANA, new StoreProfile("Loja da Ana", true, true));
            assertThat(ana.post(AdminPaths.SETTINGS, "envio", "6", "remetente", "Loja da Ana", "contato", "1133334444")
                    .status()).isEqualTo(302);
            assertThat(settings.find(ANA).mode()).isEqualTo(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY);
        }

        @Test
        void whenTheHostTurnsAFeatureOffTheSectionSaysAlertsArePausedAndWhy() {
            configure(ANA, SmsMode.STATUS_CHANGES_WITH_AVAILABILITY);
            assertThat(rig.as("ana").get(AdminPaths.SETTINGS).html().select(".torpedo-warning")).isEmpty();

            rig.profiles.put(ANA, new StoreProfile("Loja da Ana", false, true));

            assertThat(rig.as("ana").get(AdminPaths.SETTINGS).html().select(".torpedo-warning").text())
                    .isEqualTo("Os avisos de disponibilidade estão pausados: ative Controle de estoque em Dados da loja para retomá-los.");
        }

        @Test
        void thePreviewShowsEveryApprovedMessageWithItsEncodingSegmentsAndCredits() {
            configure(ANA, SmsMode.STATUS_CHANGES);

            AdminRig.Page page = rig.as("ana").get(AdminPaths.SETTINGS);

            List<Element> rows = page.html().select("#torpedo-preview tbody tr");
            assertThat(rows).hasSize(rig.bean(dev.torpedo.sms.impl.template.TemplateCatalog.class).all().size()).hasSize(10);
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.select("td").get(0).text()).startsWith("Loja da Ana: ").endsWith(" Contato: 1133334444");
                assertThat(row.select("td").get(1).text()).isEqualTo("GSM-7 (até 160 caracteres por SMS)");
                assertThat(row.select("td").get(3).text()).isEqualTo("1");
            });
            assertThat(page.html().select("#torpedo-preview th").eachText()).anyMatch(text -> text.contains("TPD-APR-2026-011"));
        }

        @Test
        void thePreviewAsTypedShowsWhatALongSenderCostsWithoutSaving() {
            AdminRig.Page page = rig.as("ana").get(AdminPaths.PREVIEW, "remetente", "Ação & Cia Ltda",
                    "contato", "atendimento.clientes@lojadaana.com.br");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select("tbody tr td.torpedo-sms-text").first().text())
                    .startsWith("Acao & Cia Ltda: ");
            assertThat(settings.findSaved(ANA)).isEmpty();
        }

        @Test
        void aScriptAsSenderIsRejectedAndShownEscaped() {
            AdminRig.Page page = rig.as("ana").post(AdminPaths.SETTINGS, "envio", "3",
                    "remetente", "<script>alert(1)</script>", "contato", "1133334444");

            assertThat(page.status()).isEqualTo(422);
            assertThat(page.html().select("script:not([src])")).isEmpty();
            assertThat(page.html().getElementById("torpedo-remetente").val()).isEqualTo("<script>alert(1)</script>");
            assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
            assertThat(settings.findSaved(ANA)).isEmpty();
        }

        @Test
        void markupInAValidSenderIsShownEscapedInThePreviewTheLogAndTheOrderPage() {
            db.tx().executeWithoutResult(s -> settings.save(new StoreSettings(ANA, SmsMode.STATUS_CHANGES,
                    Sender.of("<b>Ana</b><i>x"), Contact.of("1133334444"))));
            rig.orders.put(ANA.value() + "/981", new StoreOrders.Order("981", "Maria Souza", "(11) 91234-5678", "Pago", null));
            AdminRig.Browser ana = rig.as("ana");
            sendFromOrderPage(ana, "981", "order-received");

            for (String path : List.of(AdminPaths.SETTINGS, AdminPaths.MESSAGES, AdminPaths.ORDERS + "/981")) {
                AdminRig.Page page = ana.get(path);
                assertThat(page.html().select("b, i")).as(path).isEmpty();
                assertThat(page.html().select(".torpedo-sms-text").eachText()).as(path)
                        .anyMatch(text -> text.startsWith("<b>Ana</b><i>x: "));
            }
        }

        // --- Security ---

        @Test
        void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
            AdminRig.Page page = rig.as("ana").postWithoutCsrf(AdminPaths.SETTINGS, "envio", "3",
                    "remetente", "Loja da Ana", "contato", "1133334444");

            assertThat(page.status()).isEqualTo(403);
            assertThat(page.html().select("h1").text()).isEqualTo("Não foi possível abrir esta página");
            assertThat(settings.findSaved(ANA)).isEmpty();
        }

        @Test
        void everyPageRefusesAUserThePolicyDoesNotAllowAndNobodySignedIn() {
            for (String path : List.of(AdminPaths.SETTINGS, AdminPaths.TEST, AdminPaths.CREDITS, AdminPaths.MESSAGES,
                    AdminPaths.ORDERS + "/1", AdminPaths.OPERATOR_PURCHASES, AdminPaths.PREVIEW)) {
                for (String user : new String[]{"visitante", null}) {
                    AdminRig.Page page = rig.as(user).get(path);
                    assertThat(page.status()).as(path + " as " + user).isEqualTo(403);
                    assertThat(page.html().text()).contains("Você não tem permissão para ver ou alterar o SMS desta loja.");
                }
            }
            AdminRig.Page post = rig.as("visitante").post(AdminPaths.SETTINGS, "envio", "3", "remetente", "Loja",
                    "contato", "1133334444");
            assertThat(post.status()).isEqualTo(403);
            assertThat(settings.findSaved(ANA)).isEmpty();
        }

        /** Every admin endpoint MVC maps, found from the mappings themselves, so that a new one cannot be missed. */
        private List<String[]> everyAdminEndpoint() {
            List<String[]> endpoints = new java.util.ArrayList<>();
            rig.bean(RequestMappingHandlerMapping.class).getHandlerMethods().keySet().forEach(mapping -> {
                var methods = mapping.getMethodsCondition().getMethods();
                for (String pattern : mapping.getPatternValues()) {
                    if (!pattern.startsWith(AdminPaths.BASE)) {
                        continue;
                    }
                    String path = pattern.replaceAll("\\{[^}]+}", "1");
                    for (RequestMethod method : methods.isEmpty() ? java.util.Set.of(RequestMethod.GET, RequestMethod.POST)
                            : methods) {
                        endpoints.add(new String[]{method.name(), path});
                    }
                }
            });
            return endpoints;
        }

        @Test
        void everyAdminEndpointRefusesWhomThePolicyDoesNotAllowAndEveryPostItsMissingToken() {
            List<String[]> endpoints = everyAdminEndpoint();
            assertThat(endpoints).extracting(e -> e[0]).contains("GET", "POST");
            assertThat(endpoints).hasSizeGreaterThanOrEqualTo(12);
            for (String[] endpoint : endpoints) {
                String method = endpoint[0];
                String path = endpoint[1];
                for (String user : new String[]{"visitante", null}) {
                    AdminRig.Page page = method.equals("GET") ? rig.as(user).get(path) : rig.as(user).post(path);
                    assertThat(page.status()).as(method + " " + path + " as " + user).isEqualTo(403);
                }
                if (method.equals("POST")) {
                    assertThat(rig.as("ana").postWithoutCsrf(path).status()).as("POST " + path + " without its token")
                            .isEqualTo(403);
                }
            }
            assertThat(settings.findSaved(ANA)).isEmpty();
            assertThat(rig.bean(CreditLedger.class).balance(ANA)).isZero();
        }

        @Test
        void thePagesCarryTheSecurityHeadersRefusedOrNot() {
            for (AdminRig.Page page : List.of(rig.as("ana").get(AdminPaths.SETTINGS), rig.as(null).get(AdminPaths.CREDITS))) {
                assertThat(page.response().getHeader("Content-Security-Policy"))
                        .contains("script-src 'self'", "frame-ancestors 'self'").doesNotContain("unsafe-inline");
                assertThat(page.response().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(page.response().getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
                assertThat(page.response().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            }
        }

        @Test
        void aMerchantOfOneStoreNeverSeesOrChangesTheOthers() {
            configure(ANA, SmsMode.STATUS_CHANGES);
            long anaTest = sendTest(rig.as("ana"), "(11) 91234-5678").orElseThrow();
            db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN' WHERE id = ?", anaTest);
            AdminRig.Browser bia = rig.as("bia");

            assertThat(bia.get(AdminPaths.SETTINGS).html().getElementById("torpedo-remetente").val()).isEmpty();
            assertThat(bia.get(AdminPaths.MESSAGES).html().select("tbody .torpedo-sms-text")).isEmpty();
            assertThat(bia.get(AdminPaths.TEST, "mensagem", Long.toString(anaTest)).html().select(".torpedo-result")).isEmpty();
            assertThat(bia.get(AdminPaths.MESSAGES + "/" + anaTest + "/reenviar").status()).isEqualTo(404);
            assertThat(bia.post(AdminPaths.MESSAGES + "/" + anaTest + "/reenviar", "confirmo", "sim").status()).isEqualTo(302);
            assertThat(messages.find(ANA, "test:resend-check")).isEmpty();
            assertThat(messages.recent(ANA, 10)).hasSize(1);
            assertThat(bia.get(AdminPaths.CREDITS).html().select(".torpedo-balance strong").text()).isEqualTo("10 crédito(s)");
            assertThat(ledger.balance(ANA)).isEqualTo(10);

            bia.post(AdminPaths.SETTINGS, "envio", "1", "remetente", "Loja da Bia", "contato", "bia@loja.com.br");
            assertThat(settings.find(ANA).sender()).isEqualTo(Sender.of("Loja da Ana"));
            assertThat(settings.find(BIA).sender()).isEqualTo(Sender.of("Loja da Bia"));
        }

        @Test
        void anUnexpectedErrorShowsAFriendlyPageWithAReferenceAndNoStackTrace() {
            rig.profilesFailure = new IllegalStateException("host database is down");

            AdminRig.Page page = rig.as("ana").get(AdminPaths.SETTINGS);

            assertThat(page.status()).isEqualTo(500);
            assertThat(page.html().text()).contains("Algo deu errado do nosso lado.", "Código para o suporte:")
                    .doesNotContain("IllegalStateException", "host database is down", "at dev.torpedo");
        }

        @Test
        void aBadAddressGetsAPageNotAWhitelabel() {
            AdminRig.Page page = rig.as("ana").get(AdminPaths.MESSAGES + "/abc/reenviar");

            assertThat(page.status()).isEqualTo(400);
            assertThat(page.html().text()).contains("O endereço ou o formulário tem dados inválidos.");
        }

        /** Sends an approved message from the order page, as its form would. */
        private AdminRig.Page sendFromOrderPage(AdminRig.Browser browser, String orderId, String template) {
            String nonce = browser.get(AdminPaths.ORDERS + "/" + orderId).html().select("input[name=nonce]").val();
            return browser.post(AdminPaths.ORDERS + "/" + orderId + "/mensagens", "mensagem", template, "nonce", nonce);
        }

        // --- "Testar" ---

        private java.util.Optional<Long> sendTest(AdminRig.Browser browser, String to) {
            AdminRig.Page form = browser.get(AdminPaths.TEST);
            AdminRig.Page sent = browser.post(AdminPaths.TEST, "para", to, "mensagem", "test-message",
                    "nonce", form.html().select("input[name=nonce]").val());
            if (sent.status() != 302) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Long.parseLong(sent.redirect().substring(sent.redirect().indexOf('=') + 1)));
        }

        @Test
        void testarAtEightPmSaoPauloIsScheduledForNineTomorrowAndDebitedOnlyWhenSent() {
            configure(ANA, SmsMode.DISABLED);
            rig.clock().set(TUESDAY_EVENING);
            AdminRig.Browser ana = rig.as("ana");

            long id = sendTest(ana, "(11) 91234-5678").orElseThrow();

            AdminRig.Page result = ana.get(AdminPaths.TEST, "mensagem", Long.toString(id));
            assertThat(result.html().select(".torpedo-result").text())
                    .contains("Na fila", "agendada para amanhã às 09:00 (horário de Brasília)")
                    .doesNotContain("UTC", "T12:00");
            assertThat(ledger.balance(ANA)).isEqualTo(10);

            rig.clock().set(Instant.parse("2026-12-02T12:00:00Z"));
            rig.dispatcher().drain();

            assertThat(messages.find(id).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
            assertThat(ledger.balance(ANA)).isEqualTo(9);
            assertThat(ana.get(AdminPaths.TEST, "mensagem", Long.toString(id)).html().select(".torpedo-result").text())
                    .contains("Enviada", "hoje às 09:00 (horário de Brasília)");
        }

        @Test
        void testarShowsTimesInTheRecipientsZone() {
            configure(ANA, SmsMode.MANUAL);
            rig.clock().set(TUESDAY_EVENING);

            long id = sendTest(rig.as("ana"), "(92) 99123-4567").orElseThrow();

            assertThat(rig.as("ana").get(AdminPaths.TEST, "mensagem", Long.toString(id)).html().select(".torpedo-result").text())
                    .contains("amanhã às 09:00 (horário do Amazonas)");
        }

        @Test
        void testarRefusesALandlineBesideTheFieldAndRecordsNothing() {
            configure(ANA, SmsMode.MANUAL);
            AdminRig.Browser ana = rig.as("ana");
            AdminRig.Page form = ana.get(AdminPaths.TEST);

            AdminRig.Page page = ana.post(AdminPaths.TEST, "para", "(11) 3333-4444", "mensagem", "test-message",
                    "nonce", form.html().select("input[name=nonce]").val());

            assertThat(page.status()).isEqualTo(422);
            assertThat(fieldError(page, "torpedo-para")).isEqualTo("Erro: Este número é de telefone fixo; informe um celular.");
            assertThat(page.html().getElementById("torpedo-para").val()).isEqualTo("(11) 3333-4444");
            assertThat(messages.recent(ANA, 10)).isEmpty();
        }

        @Test
        void testarRefusesWhenTheCreditsCannotPayAndRecordsNothing() {
            configure(ANA, SmsMode.MANUAL);
            db.tx().executeWithoutResult(s -> ledger.grantFreeCredits(ANA));
            db.jdbc().update("UPDATE sms_credit_account SET balance = 0 WHERE store_id = ?", ANA.value());
            AdminRig.Browser ana = rig.as("ana");
            AdminRig.Page form = ana.get(AdminPaths.TEST);

            AdminRig.Page page = ana.post(AdminPaths.TEST, "para", "11912345678", "mensagem", "test-message",
                    "nonce", form.html().select("input[name=nonce]").val());

            assertThat(page.html().select(".torpedo-warning").text())
                    .isEqualTo("Saldo insuficiente: esta mensagem custa 1 crédito(s) e a loja tem 0. Compre créditos para enviar.");
            assertThat(messages.recent(ANA, 10)).isEmpty();
        }

        @Test
        void testarRefusesASuppressedNumberAndSaysWhy() {
            configure(ANA, SmsMode.MANUAL);
            db.tx().executeWithoutResult(s -> rig.bean(SuppressionList.class)
                    .suppress(MobileNumber.of("+5511912345678"), "reply:SAIR"));
            AdminRig.Browser ana = rig.as("ana");
            AdminRig.Page form = ana.get(AdminPaths.TEST);

            AdminRig.Page page = ana.post(AdminPaths.TEST, "para", "+55 11 91234-5678", "mensagem", "test-message",
                    "nonce", form.html().select("input[name=nonce]").val());

            assertThat(page.html().select(".torpedo-warning").text())
                    .isEqualTo("Mensagem não enviada: o número pediu para não receber SMS.");
            assertThat(messages.recent(ANA, 10)).isEmpty();
        }

        @Test
        void theSameTestFormSentTwiceSendsOnce() {
            configure(ANA, SmsMode.MANUAL);
            AdminRig.Browser ana = rig.as("ana");
            String nonce = ana.get(AdminPaths.TEST).html().select("input[name=nonce]").val();

            ana.post(AdminPaths.TEST, "para", "11912345678", "mensagem", "order-shipped", "nonce", nonce);
            ana.post(AdminPaths.TEST, "para", "11912345678", "mensagem", "order-shipped", "nonce", nonce);

            List<QueuedMessage> sent = messages.recent(ANA, 10);
            assertThat(sent).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.TEST);
                assertThat(m.requestedBy()).isEqualTo("ana");
                assertThat(m.body()).contains("BR123456789BR");
            });
        }

        // --- Credits ---

        @Test
        void aPurchasePaidOnTheFridayBeforeCarnival2027IsCreditedOnAshWednesday() {
            rig.clock().set(Instant.parse("2027-02-08T15:00:00Z"));   // Carnival Monday
            AdminRig.Browser ana = rig.as("ana");
            AdminRig.Page credits = ana.get(AdminPaths.CREDITS);
            assertThat(credits.html().select(".torpedo-balance strong").text()).isEqualTo("10 crédito(s)");
            assertThat(credits.html().select("label.torpedo-choice").eachText()).contains("500 créditos: R$ 45,00");

            assertThat(ana.post(AdminPaths.PURCHASES, "creditos", "500").status()).isEqualTo(302);
            AdminRig.Browser operator = rig.as("operador");
            AdminRig.Page awaiting = operator.get(AdminPaths.OPERATOR_PURCHASES);
            String action = awaiting.html().select("form.torpedo-inline-form").attr("action");
            assertThat(awaiting.html().select("tbody td").eachText()).contains("loja-ana", "500", "R$ 45,00");

            assertThat(operator.post(action, "pagoEm", "2027-02-05").status()).isEqualTo(302);
            assertThat(operator.get(AdminPaths.OPERATOR_PURCHASES).html().select(".torpedo-notice").text())
                    .endsWith("confirmado: os créditos entram em 10/02/2027.");

            assertThat(ana.get(AdminPaths.CREDITS).html().select("tbody td").eachText())
                    .contains("Pago em 05/02/2027; será creditado em 10/02/2027");
        }

        @Test
        void theOperatorsEndpointRefusesMerchantsAndAFutureOrMissingDate() {
            AdminRig.Browser ana = rig.as("ana");
            ana.post(AdminPaths.PURCHASES, "creditos", "100");
            long id = rig.bean(dev.torpedo.sms.impl.credit.CreditPurchases.class).ofStore(ANA).get(0).id();
            String confirm = AdminPaths.OPERATOR_PURCHASES + "/" + id + "/pagamento";

            assertThat(ana.post(confirm, "pagoEm", "2026-12-01").status()).isEqualTo(403);
            AdminRig.Page future = rig.as("operador").post(confirm, "pagoEm", "2026-12-25");
            assertThat(future.html().select(".torpedo-warning").text()).isEqualTo("A data do pagamento não pode ser futura.");
            AdminRig.Page missing = rig.as("operador").post(confirm, "pagoEm", "ontem");
            assertThat(missing.html().select(".torpedo-warning").text()).isEqualTo("Informe a data do pagamento, como 05/02/2027.");
            assertThat(rig.bean(dev.torpedo.sms.impl.credit.CreditPurchases.class).find(id).orElseThrow().paidOn()).isNull();
        }

        @Test
        void buyingSomethingOtherThanAPackageIsRefused() {
            AdminRig.Page page = rig.as("ana").post(AdminPaths.PURCHASES, "creditos", "-5");

            assertThat(page.status()).isEqualTo(422);
            assertThat(page.html().getElementById("torpedo-buy-error").text()).isEqualTo("Escolha um dos pacotes de créditos.");
            assertThat(rig.bean(dev.torpedo.sms.impl.credit.CreditPurchases.class).ofStore(ANA)).isEmpty();
        }

        @Test
        void theStatementListsTheFreeGrantAndTheDebitsInWords() {
            configure(ANA, SmsMode.MANUAL);
            sendTest(rig.as("ana"), "11912345678").orElseThrow();
            rig.dispatcher().drain();

            assertThat(rig.as("ana").get(AdminPaths.CREDITS).html().select("tbody td").eachText())
                    .contains("Crédito inicial grátis", "+10", "1 mensagem(ns) enviada(s)", "-1");
        }

        // --- The order page ---

        @Test
        void theOrderPageListsItsMessagesInWordsAndSendsAnApprovedOneByHand() {
            configure(ANA, SmsMode.MANUAL);
            rig.orders.put(ANA.value() + "/981", new StoreOrders.Order("981", "Maria Souza", "(11) 3333-4444", "Pago", null));
            rig.orders.put(ANA.value() + "/982", new StoreOrders.Order("982", "Maria Souza", "(11) 91234-5678", "Enviado", "BR1"));
            AdminRig.Browser ana = rig.as("ana");

            sendFromOrderPage(ana, "981", "order-shipped");
            sendFromOrderPage(ana, "982", "order-shipped");

            AdminRig.Page landline = ana.get(AdminPaths.ORDERS + "/981");
            assertThat(landline.html().select(".torpedo-warning, tbody td").eachText())
                    .anyMatch(text -> text.contains("número de telefone fixo"));
            AdminRig.Page shipped = ana.get(AdminPaths.ORDERS + "/982");
            assertThat(shipped.html().select("tbody td").eachText())
                    .anyMatch(text -> text.startsWith("Na fila"))
                    .anyMatch(text -> text.contains("Seu pedido 982 foi enviado"));
            assertThat(shipped.html().select("tbody td").text()).doesNotContain("QUEUED", "phone-landline");
        }

        @Test
        void theOrderPageOffersNoManualSendWhenSmsIsOffOrTheOrderIsUnknown() {
            configure(ANA, SmsMode.DISABLED);
            rig.orders.put(ANA.value() + "/981", new StoreOrders.Order("981", "Maria", "11912345678", "Pago", null));
            AdminRig.Browser ana = rig.as("ana");

            assertThat(ana.get(AdminPaths.ORDERS + "/981").html().select("form[action$=/mensagens]")).isEmpty();
            assertThat(ana.get(AdminPaths.ORDERS + "/981").html().text())
                    .contains("Envio manual indisponível: o Envio de SMS está Desativado.");
            assertThat(ana.post(AdminPaths.ORDERS + "/981/mensagens", "mensagem", "order-shipped",
                    "nonce", "abcdefghijklmnopqrstuvwx").status()).isEqualTo(422);
            assertThat(ana.get(AdminPaths.ORDERS + "/777").html().text()).contains("Pedido não encontrado nesta loja.");
            assertThat(messages.recent(ANA, 10)).isEmpty();
        }

        // --- The message log ---

        @Test
        void theLogShowsStatesAndReasonsInWordsCountsThemAndDrawsTheLast30Days() {
            configure(ANA, SmsMode.MANUAL);
            rig.orders.put(ANA.value() + "/981", new StoreOrders.Order("981", "Maria", "(11) 3333-4444", "Pago", null));
            AdminRig.Browser ana = rig.as("ana");
            sendFromOrderPage(ana, "981", "order-shipped");
            sendTest(ana, "11912345678").orElseThrow();
            rig.dispatcher().drain();

            AdminRig.Page log = ana.get(AdminPaths.MESSAGES);

            assertThat(log.html().select("tbody td").eachText())
                    .anyMatch(text -> text.startsWith("Recusada") && text.contains("número de telefone fixo"))
                    .anyMatch(text -> text.startsWith("Enviada"));
            assertThat(log.body()).doesNotContain("phone-landline");
            assertThat(log.html().select(".torpedo-counts li").eachText()).contains("Enviada 1", "Recusada 1", "Na fila 0");
            assertThat(log.html().select("svg.torpedo-chart rect.bar")).hasSize(30);
            assertThat(log.html().select("svg.torpedo-chart title").first().text()).startsWith("Mensagens por dia");
            assertThat(log.html().select("figcaption").text()).isEqualTo("Créditos gastos no período: 1");
            assertThat(log.html().select("script:not([src])")).isEmpty();
        }

        @Test
        void theLogFiltersByStateAndSearchesByOrderAndNumber() {
            configure(ANA, SmsMode.MANUAL);
            rig.orders.put(ANA.value() + "/981", new StoreOrders.Order("981", "Maria", "(11) 3333-4444", "Pago", null));
            AdminRig.Browser ana = rig.as("ana");
            sendFromOrderPage(ana, "981", "order-shipped");
            sendTest(ana, "11987654321").orElseThrow();

            assertThat(ana.get(AdminPaths.MESSAGES, "situacao", "REJECTED").html().select("table.torpedo-messages tbody tr")).hasSize(1);
            assertThat(ana.get(AdminPaths.MESSAGES, "situacao", "QUEUED").html().select("table.torpedo-messages tbody tr")).hasSize(1);
            assertThat(ana.get(AdminPaths.MESSAGES, "busca", "981").html().select("table.torpedo-messages tbody tr")).hasSize(1);
            assertThat(ana.get(AdminPaths.MESSAGES, "busca", "4321").html().select("tbody td.torpedo-nowrap").text())
                    .isEqualTo("+55 11 9****-4321");
            assertThat(ana.get(AdminPaths.MESSAGES, "busca", "(11) 98765-4321").html().select("table.torpedo-messages tbody tr")).hasSize(1);
            AdminRig.Page bad = ana.get(AdminPaths.MESSAGES, "busca", "<script>");
            assertThat(fieldError(bad, "torpedo-busca"))
                    .isEqualTo("Busque por um número de pedido, um celular com DDD ou os 4 últimos dígitos.");
            assertThat(bad.html().getElementById("torpedo-busca").val()).isEqualTo("<script>");
        }

        @Test
        void anUncertainMessageIsResentOnlyAfterTheWarningIsConfirmedAndRecordsWho() {
            configure(ANA, SmsMode.MANUAL);
            AdminRig.Browser ana = rig.as("ana");
            long id = sendTest(ana, "11912345678").orElseThrow();
            db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN', reason = 'lease-expired' WHERE id = ?", id);

            AdminRig.Page log = ana.get(AdminPaths.MESSAGES);
            assertThat(log.html().select("a.torpedo-link-button").attr("href"))
                    .isEqualTo(AdminPaths.MESSAGES + "/" + id + "/reenviar");
            AdminRig.Page warning = ana.get(AdminPaths.MESSAGES + "/" + id + "/reenviar");
            assertThat(warning.html().select(".torpedo-warning").text())
                    .startsWith("Não se sabe se a operadora recebeu esta mensagem. Se recebeu, o cliente vai recebê-la duas vezes.");

            AdminRig.Page unconfirmed = ana.post(AdminPaths.MESSAGES + "/" + id + "/reenviar");
            assertThat(unconfirmed.status()).isEqualTo(422);
            assertThat(fieldError(unconfirmed, "torpedo-confirmo")).isEqualTo("Marque a confirmação para reenviar.");
            assertThat(messages.recent(ANA, 10)).hasSize(1);

            assertThat(ana.post(AdminPaths.MESSAGES + "/" + id + "/reenviar", "confirmo", "sim").status()).isEqualTo(302);
            assertThat(ana.post(AdminPaths.MESSAGES + "/" + id + "/reenviar", "confirmo", "sim").status()).isEqualTo(302);

            List<QueuedMessage> all = messages.recent(ANA, 10);
            assertThat(all).hasSize(2);
            QueuedMessage resend = all.get(0);
            assertThat(resend.resendOf()).isEqualTo(id);
            assertThat(resend.requestedBy()).isEqualTo("ana");
            assertThat(resend.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(resend.body()).isEqualTo(all.get(1).body());
            assertThat(ana.get(AdminPaths.MESSAGES).html().select("tbody td").eachText())
                    .anyMatch(text -> text.contains("por ana"));
        }

        @Test
        void thePagesSpeakEnglishToABrowserThatAsksForIt() {
            configure(ANA, SmsMode.MANUAL);
            AdminRig.Page page = rig.as("ana").getInEnglish(AdminPaths.SETTINGS);

            assertThat(page.html().select("label[for=torpedo-remetente]").text()).isEqualTo("SMS sender");
            assertThat(page.html().select("#torpedo-envio option").eachText()).contains("(0) Off");
        }
    }
}
