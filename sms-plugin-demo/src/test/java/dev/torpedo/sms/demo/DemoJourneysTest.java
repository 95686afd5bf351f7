package dev.torpedo.sms.demo;

import dev.torpedo.sms.demo.browser.DemoBrowser;
import dev.torpedo.sms.demo.browser.FailureScreenshots;
import dev.torpedo.sms.demo.clock.DemoClock;
import dev.torpedo.sms.demo.shop.Checkout;
import dev.torpedo.sms.demo.shop.Inventory;
import dev.torpedo.sms.demo.shop.Stores;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import org.openqa.selenium.By;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as its people use it, in Debian's headless Chromium against the demo on a random port, each test
 * on a fresh database: the merchant in the admin, the shopper in the shop, the shopper's phone, the operator.
 * Each journey first moves the demo's clock to a business morning, since messages go out only from 9h to 18h.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:journey-${random.uuid};DB_CLOSE_DELAY=-1",
        "torpedo.sms.dispatcher.poll-interval=250ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class DemoJourneysTest {

    static final String ANA = "(11) 91234-5678";
    static final String ANA_DIGITS = "11912345678";
    static final String BIA = "(21) 98765-4321";
    static final String BIA_DIGITS = "21987654321";
    /** Where the README's screenshots go when asked for: {@code -Ddemo.screenshots=../docs/screenshots}. */
    static final String SCREENSHOTS = System.getProperty("demo.screenshots", "target/screenshots");

    @RegisterExtension
    final FailureScreenshots failures = new FailureScreenshots();

    @LocalServerPort
    int port;

    @Autowired
    DemoClock clock;

    @Autowired
    Checkout checkout;

    @Autowired
    Inventory inventory;

    @Autowired
    Stores stores;

    private final BrazilianCalendar calendar = new BrazilianCalendar();

    @Test
    void theMerchantSetsUpModeSixAndATestArrivesWithSenderAndContactForOneCredit() {
        DemoBrowser merchant = browser(1000);
        merchant.logIn("loja");
        assertThat(merchant.path()).isEqualTo("/admin/loja");
        clockTo(merchant, businessMorning());

        setUp(merchant, "6", "Casa Aurora", "1133334444");
        merchant.open("/torpedo/sms/admin/creditos");
        assertThat(merchant.text(".torpedo-balance strong")).isEqualTo("10 crédito(s)");

        merchant.open("/torpedo/sms/admin/testar");
        merchant.fill("torpedo-para", ANA);
        merchant.press("Enviar mensagem");

        DemoBrowser phone = browser(400);
        String test = waitForSms(phone, ANA_DIGITS, "Mensagem de teste");
        assertThat(test).startsWith("Casa Aurora: ").endsWith("Contato: 1133334444");
        assertThat(phone.texts(".phone-from")).contains("Casa Aurora");
        merchant.reloadUntil("/torpedo/sms/admin/creditos", "the balance to drop",
                () -> merchant.text(".torpedo-balance strong").equals("9 crédito(s)"));
        save(phone, "celular");
    }

    @Test
    void aShopperBuysGetsTheThankYouThenTheShippingSmsWhichReachesDelivered() {
        DemoBrowser merchant = merchantSetUp("6", businessMorning());

        DemoBrowser shopper = browser(1000);
        shopper.open("/loja/aurora");
        save(shopper, "loja");
        String order = buy(shopper, "aurora", "bule-esmaltado", "Ana Souza", ANA);
        DemoBrowser phone = browser(400);
        assertThat(waitForSms(phone, ANA_DIGITS, "recebemos seu pedido " + order)).contains("Ola Ana");

        merchant.open("/admin/pedidos");
        merchant.press(order);
        merchant.choose("status", "SHIPPED");
        merchant.fill("rastreio", "BR123456789BR");
        merchant.press("Gravar status");
        assertThat(merchant.text("#status-atual")).isEqualTo("Enviado");

        assertThat(waitForSms(phone, ANA_DIGITS, "foi enviado")).contains(order, "BR123456789BR");
        merchant.reloadUntil("/admin/pedidos/" + order, "both messages to be delivered",
                () -> merchant.texts(".torpedo-messages .torpedo-status").equals(List.of("Entregue", "Entregue")));
        save(merchant, "admin-pedido");
    }

    @Test
    void anAlertArrivesAfterTheRestockAndAfterSairTheNextOrderSendsNothingAndTheLogSaysWhy() {
        DemoBrowser merchant = merchantSetUp("6", businessMorning());

        DemoBrowser shopper = browser(1000);
        shopper.open("/loja/aurora/produto/caneca-azul");
        assertThat(shopper.pageText()).contains("Esgotado");
        shopper.fill("torpedo-alert-celular", ANA);
        shopper.tick("torpedo-alert-consentimento");
        shopper.pressInPage(By.cssSelector(".torpedo-alert-form button[type=submit]"));
        shopper.waitUntil("the sign-up to be confirmed",
                () -> shopper.text(".torpedo-alert-result").contains("Enviaremos um SMS"));

        merchant.open("/admin/estoque");
        assertThat(merchant.pageText()).contains("Caneca Azul Listrada");
        merchant.fill("unidades-caneca-azul", "5");
        merchant.press(By.cssSelector("form[action='/admin/estoque/caneca-azul'] button"));
        assertThat(merchant.pageText()).contains("Estoque de Caneca Azul Listrada: 5 unidade(s).");

        DemoBrowser phone = browser(400);
        assertThat(waitForSms(phone, ANA_DIGITS, "Caneca Azul Listrada")).contains("/loja/aurora/produto/caneca-azul");
        phone.fill("texto", "SAIR");
        phone.press("Enviar");
        assertThat(phone.pageText()).contains("este número não recebe mais SMS das lojas");

        String order = buy(shopper, "aurora", "bule-esmaltado", "Ana Souza", ANA);
        merchant.open("/admin/pedidos/" + order);
        assertThat(merchant.text(".torpedo-messages .torpedo-status")).isEqualTo("Não enviada");
        assertThat(merchant.text(".torpedo-messages td[data-label='Situação']")).contains("o número pediu para não receber SMS");
        merchant.open("/torpedo/sms/admin/mensagens");
        assertThat(merchant.pageText()).contains("o número pediu para não receber SMS");
        phone.open("/celular?numero=" + ANA_DIGITS);
        assertThat(phone.texts(".phone-text")).noneMatch(text -> text.contains("pedido " + order));
    }

    @Test
    void atTenAtNightTheOrdersSmsWaitsTheOrderPageSaysWhenAndItArrivesAtNine() {
        LocalDateTime morning = businessMorning();
        DemoBrowser merchant = merchantSetUp("6", morning);
        merchant.open("/admin/horario");
        merchant.press("22:00");
        assertThat(merchant.text("#relogio")).endsWith("às 22:00");

        DemoBrowser shopper = browser(1000);
        String order = buy(shopper, "aurora", "bule-esmaltado", "Ana Souza", ANA);
        merchant.open("/admin/pedidos/" + order);
        assertThat(merchant.text(".torpedo-messages .torpedo-status")).isEqualTo("Na fila");
        assertThat(merchant.text(".torpedo-messages td[data-label='Situação']"))
                .contains("amanhã às 09:00 (horário de Brasília)");

        DemoBrowser phone = browser(400);
        phone.open("/celular?numero=" + ANA_DIGITS);
        assertThat(phone.texts(".phone-text")).isEmpty();

        clockTo(merchant, morning.toLocalDate().plusDays(1).atTime(9, 0));
        assertThat(waitForSms(phone, ANA_DIGITS, "recebemos seu pedido " + order)).startsWith("Casa Aurora:");
        assertThat(phone.texts(".phone-when")).first().asString().endsWith("09:00");
    }

    @Test
    void modeFourIsRefusedWhileAvisoDeDisponibilidadeIsOffWithTheReasonOnThePage() {
        DemoBrowser merchant = browser(1000);
        merchant.logIn("loja");
        merchant.untick("aviso-de-disponibilidade");
        merchant.press(By.cssSelector("form[action='/admin/loja'] button"));
        assertThat(merchant.pageText()).contains("Dados da loja gravados.");

        assertThat(merchant.attribute("#torpedo-envio option[value='4']", "disabled")).isNotNull();
        assertThat(merchant.pageText()).contains("Aviso de disponibilidade");

        // A merchant whose page was open before the switch went off still sends mode 4: the plugin refuses it.
        merchant.runScript("document.querySelector('#torpedo-envio option[value=\"4\"]').disabled = false;");
        merchant.choose("torpedo-envio", "4");
        merchant.fill("torpedo-remetente", "Casa Aurora");
        merchant.fill("torpedo-contato", "1133334444");
        merchant.press(By.cssSelector("button[name=acao][value=gravar]"));

        assertThat(merchant.text(".torpedo-error-summary")).contains("Aviso de disponibilidade");
        assertThat(merchant.text("#torpedo-envio-error")).contains("Aviso de disponibilidade");
        merchant.open("/admin/loja");
        assertThat(merchant.attribute("#torpedo-envio option[selected]", "value")).isEqualTo("0");
        save(merchant, "admin-loja");
    }

    @Test
    void aPurchaseTheOperatorConfirmsIsCreditedTheNextBusinessDayAndTheWaitingMessagesGoOut() {
        LocalDateTime morning = businessMorning();
        DemoBrowser merchant = merchantSetUp("2", morning);

        // Ten orders spend the ten free credits (placed through the host's own checkout, as its site would).
        inventory.setStock(stores.find("aurora").orElseThrow(), "jogo-pratos", "50", "http://localhost/p");
        for (int i = 0; i < 10; i++) {
            checkout.place(stores.find("aurora").orElseThrow(), Map.of("jogo-pratos", 1), "Bia Lima", BIA);
        }
        merchant.reloadUntil("/torpedo/sms/admin/creditos", "the free credits to be spent",
                () -> merchant.text(".torpedo-balance strong").equals("0 crédito(s)"));

        DemoBrowser shopper = browser(1000);
        String order = buy(shopper, "aurora", "bule-esmaltado", "Ana Souza", ANA);
        merchant.reloadUntil("/admin/pedidos/" + order, "the order's SMS to wait for credit",
                () -> merchant.text(".torpedo-messages .torpedo-status").equals("Aguardando crédito"));

        merchant.open("/torpedo/sms/admin/creditos");
        merchant.press("Comprar crédito");
        assertThat(merchant.pageText()).contains("Compra registrada");
        merchant.logOut();

        DemoBrowser operator = browser(1000);
        operator.logIn("operador");
        assertThat(operator.path()).isEqualTo("/torpedo/sms/admin/operador/compras");
        operator.press("Confirmar pagamento");
        LocalDate creditDay = calendar.firstBusinessDayAfter(morning.toLocalDate());
        String creditOn = creditDay.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        assertThat(operator.pageText()).contains("os créditos entram em " + creditOn);
        save(operator, "admin-operador");

        merchant.logIn("loja");
        merchant.open("/torpedo/sms/admin/creditos");
        assertThat(merchant.text(".torpedo-balance strong")).isEqualTo("0 crédito(s)");
        DemoBrowser phone = browser(400);
        phone.open("/celular?numero=" + ANA_DIGITS);
        assertThat(phone.texts(".phone-text")).isEmpty();

        clockTo(merchant, creditDay.atTime(9, 30));
        assertThat(waitForSms(phone, ANA_DIGITS, "recebemos seu pedido " + order)).startsWith("Casa Aurora:");
        merchant.open("/torpedo/sms/admin/creditos");
        assertThat(merchant.text(".torpedo-balance strong")).doesNotStartWith("0 ");
    }

    @Test
    void theStorefrontAndThePhoneFitA360PixelScreen() {
        DemoBrowser merchant = merchantSetUp("6", businessMorning());

        DemoBrowser shopper = browser(360);
        for (String page : List.of("/", "/loja/aurora", "/loja/aurora/produto/caneca-azul",
                "/loja/aurora/produto/bule-esmaltado", "/loja/vento-sul")) {
            shopper.open(page);
            assertThat(shopper.pageWidth()).as(page).isLessThanOrEqualTo(360);
        }
        buy(shopper, "aurora", "bule-esmaltado", "Ana Souza", ANA);
        assertThat(shopper.pageWidth()).as("the confirmation").isLessThanOrEqualTo(360);
        shopper.open("/loja/aurora/carrinho");
        assertThat(shopper.pageWidth()).as("the cart").isLessThanOrEqualTo(360);

        DemoBrowser phone = browser(360);
        waitForSms(phone, ANA_DIGITS, "recebemos seu pedido");
        assertThat(phone.pageWidth()).as("the phone").isLessThanOrEqualTo(360);
        shopper.open("/loja/aurora/produto/caneca-azul");
        save(shopper, "loja-celular");
    }

    // --- what the journeys share ---

    private DemoBrowser browser(int width) {
        return failures.watch(new DemoBrowser(port, width));
    }

    /** Casa Aurora's merchant, logged in, the clock at {@code at}, "Envio de SMS" saved in {@code mode}. */
    private DemoBrowser merchantSetUp(String mode, LocalDateTime at) {
        DemoBrowser merchant = browser(1000);
        merchant.logIn("loja");
        clockTo(merchant, at);
        setUp(merchant, mode, "Casa Aurora", "1133334444");
        return merchant;
    }

    /** "Envio de SMS" in "Dados da loja", saved. */
    private static void setUp(DemoBrowser merchant, String mode, String sender, String contact) {
        merchant.open("/admin/loja");
        merchant.choose("torpedo-envio", mode);
        merchant.fill("torpedo-remetente", sender);
        merchant.fill("torpedo-contato", contact);
        merchant.press(By.cssSelector("button[name=acao][value=gravar]"));
        assertThat(merchant.path()).isEqualTo("/admin/loja");
        assertThat(merchant.pageText()).contains("Configurações de SMS gravadas.");
    }

    /** "Simular horário" to a chosen date and time, Brasília time. */
    private static void clockTo(DemoBrowser merchant, LocalDateTime at) {
        merchant.open("/admin/horario");
        merchant.set("data", at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        merchant.press("Ir");
        assertThat(merchant.pageText()).contains("Relógio da loja: ");
        assertThat(merchant.text("#relogio")).endsWith(at.format(DateTimeFormatter.ofPattern("dd/MM/yyyy 'às' HH:mm")));
    }

    /** 10:00 on a business day at least two days ahead whose next day is a business day too. */
    private LocalDateTime businessMorning() {
        LocalDate day = calendar.firstBusinessDayAfter(clock.now().toLocalDate().plusDays(1));
        while (!calendar.isBusinessDay(day.plusDays(1))) {
            day = calendar.firstBusinessDayAfter(day);
        }
        return day.atTime(LocalTime.of(10, 0));
    }

    /** Buys one unit through the shop's pages; the order's number. */
    private static String buy(DemoBrowser shopper, String store, String product, String name, String mobile) {
        shopper.open("/loja/" + store + "/produto/" + product);
        shopper.press("Adicionar ao carrinho");
        shopper.fill("nome", name);
        shopper.fill("celular", mobile);
        shopper.press("Finalizar pedido");
        assertThat(shopper.pageText()).contains("Obrigado, " + name.split(" ")[0]);
        return shopper.text(".shop-main strong");
    }

    /** The phone's newest message that contains {@code words}, waiting for the page to refresh itself. */
    private static String waitForSms(DemoBrowser phone, String number, String words) {
        phone.open("/celular?numero=" + number);
        phone.waitUntil("an SMS with \"" + words + "\"",
                () -> phone.texts(".phone-text").stream().anyMatch(text -> text.contains(words)));
        return phone.texts(".phone-text").stream().filter(text -> text.contains(words)).findFirst().orElseThrow();
    }

    private static void save(DemoBrowser browser, String name) {
        try {
            Path dir = Path.of(SCREENSHOTS);
            Files.createDirectories(dir);
            browser.screenshot(dir.resolve(name + ".png"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
