package dev.torpedo.sms.demo;

import dev.torpedo.sms.demo.clock.DemoClock;
import dev.torpedo.sms.demo.shop.Checkout;
import dev.torpedo.sms.demo.shop.Stores;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo host over plain HTTP: what a browser test would only slow down. Bad input anywhere is a pt-BR message
 * and changes nothing, never a 500; every form needs its CSRF token; each merchant sees only their store; the
 * checkout and the plugin share one transaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-host-${random.uuid};DB_CLOSE_DELAY=-1",
        "torpedo.sms.dispatcher.enabled=false"})
@Import(DemoHostTest.BrokenPage.class)
class DemoHostTest {

    /** A host page with a bug in its template, as any host may ship one day. */
    @Controller
    static class BrokenPage {
        @GetMapping("/teste/quebrada")
        String broken() {
            return "quebrada";
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Checkout checkout;

    @Autowired
    Stores stores;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DemoClock clock;

    private HttpVisitor visitor() {
        return new HttpVisitor(port);
    }

    private int count(String table, String where, Object... args) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + where, Integer.class, args);
    }

    /** A shopper's order for one "Boné de Corrida" at Vento Sul, placed through the pages; its number. */
    private String order(HttpVisitor shopper, String name, String mobile) {
        shopper.get("/loja/vento-sul/produto/bone-corrida");
        assertThat(shopper.post("/loja/vento-sul/carrinho", "produto", "bone-corrida", "quantidade", "1").status())
                .isEqualTo(302);
        shopper.get("/loja/vento-sul/carrinho");
        HttpVisitor.Page placed = shopper.post("/loja/vento-sul/pedido", "nome", name, "celular", mobile);
        assertThat(placed.status()).isEqualTo(302);
        return placed.location().substring(placed.location().lastIndexOf('/') + 1);
    }

    @Test
    void aCheckoutStoresTheOrderTakesTheStockAndQueuesItsSmsTogether() {
        ventoSendsOnNewOrders();
        int stock = jdbc.queryForObject("SELECT stock FROM demo_product WHERE id = 'bone-corrida'", Integer.class);

        String number = order(visitor(), "Ana <b>Souza</b>", "(11) 91234-5678");

        assertThat(count("demo_order", "store_id = 'vento-sul' AND number = ?", number)).isOne();
        assertThat(jdbc.queryForObject("SELECT stock FROM demo_product WHERE id = 'bone-corrida'", Integer.class))
                .isEqualTo(stock - 1);
        assertThat(count("sms_message", "store_id = 'vento-sul' AND idempotency_key = ?", "order:" + number + ":created"))
                .isOne();
    }

    @Test
    void theOrderAndItsSmsShareTheHostsTransactionAndRollBackTogether() {
        ventoSendsOnNewOrders();
        int orders = count("demo_order", "1 = 1");
        int messages = count("sms_message", "1 = 1");

        Checkout.Result placed = tx.execute(status -> {
            Checkout.Result result = checkout.place(stores.find("vento-sul").orElseThrow(),
                    Map.of("garrafa-termica", 1), "Bia", "(21) 98765-4321");
            // Inside the transaction both are there...
            assertThat(count("demo_order", "1 = 1")).isEqualTo(orders + 1);
            assertThat(count("sms_message", "1 = 1")).isEqualTo(messages + 1);
            status.setRollbackOnly();
            return result;
        });

        // ... and the host's rollback takes both away.
        assertThat(placed).isInstanceOf(Checkout.Result.Placed.class);
        assertThat(count("demo_order", "1 = 1")).isEqualTo(orders);
        assertThat(count("sms_message", "1 = 1")).isEqualTo(messages);
    }

    /** Vento Sul's "Envio de SMS" at (2) Pedido novo, saved through its admin page. */
    private void ventoSendsOnNewOrders() {
        HttpVisitor merchant = visitor().logIn("vento");
        merchant.get("/admin/loja");
        assertThat(merchant.post("/torpedo/sms/admin/configuracao", "envio", "2", "remetente", "Vento Sul",
                "contato", "1133334444", "acao", "gravar", "voltar", "/admin/loja").location()).endsWith("/admin/loja");
    }

    @Test
    void theConfirmationEscapesTheNameAndIsShownOnlyToWhoeverPlacedTheOrder() {
        HttpVisitor ana = visitor();
        String number = order(ana, "Ana <b>Souza</b>", "(11) 91234-5678");

        HttpVisitor.Page mine = ana.get("/loja/vento-sul/pedido/" + number);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).contains("Ana &lt;b&gt;Souza&lt;/b&gt;").doesNotContain("<b>Souza</b>");
        assertThat(visitor().get("/loja/vento-sul/pedido/" + number).status()).isEqualTo(404);
    }

    @Test
    void aBadCheckoutIsExplainedInPortugueseBesideItsFieldAndStoresNothing() {
        HttpVisitor shopper = visitor();
        shopper.get("/loja/vento-sul/produto/bone-corrida");
        shopper.post("/loja/vento-sul/carrinho", "produto", "bone-corrida", "quantidade", "1");
        int orders = count("demo_order", "1 = 1");

        HttpVisitor.Page noName = shopper.post("/loja/vento-sul/pedido", "nome", "  ", "celular", "(11) 91234-5678");
        HttpVisitor.Page badPhone = shopper.post("/loja/vento-sul/pedido", "nome", "Ana", "celular", "ligue já");
        HttpVisitor.Page hugeName = shopper.post("/loja/vento-sul/pedido", "nome", "A".repeat(5000), "celular",
                "(11) 91234-5678");

        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.html().select("#nome-error").text()).isEqualTo("Informe seu nome (até 120 caracteres).");
        assertThat(badPhone.status()).isEqualTo(422);
        assertThat(badPhone.html().select("#celular-error").text()).contains("celular com DDD");
        assertThat(badPhone.html().select("#celular").val()).isEqualTo("ligue já");
        assertThat(hugeName.status()).isEqualTo(422);
        assertThat(count("demo_order", "1 = 1")).isEqualTo(orders);
    }

    @Test
    void malformedAddressesAndValuesArePortuguesePagesNeverA500() {
        HttpVisitor shopper = visitor();
        String longNumber = "9".repeat(65);
        for (String path : List.of("/loja/nenhuma", "/loja/vento-sul/produto/" + "x".repeat(300),
                "/loja/vento-sul/pedido/" + longNumber, "/nada/aqui")) {
            HttpVisitor.Page page = shopper.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.text()).as(path).contains("Página não encontrada").doesNotContain("Exception", "Whitelabel");
        }
        shopper.get("/loja/vento-sul/produto/bone-corrida");
        HttpVisitor.Page badQuantity = shopper.post("/loja/vento-sul/carrinho", "produto", "bone-corrida",
                "quantidade", "muitas");
        assertThat(badQuantity.status()).isEqualTo(302);
        assertThat(shopper.get(badQuantity.location().replace("http://localhost:" + port, "")).text())
                .contains("Escolha de 1 a 10 unidades.");
        assertThat(shopper.get("/celular?numero=" + "1".repeat(400)).status()).isEqualTo(200);

        HttpVisitor merchant = visitor().logIn("vento");
        HttpVisitor.Page longOrder = merchant.get("/admin/pedidos/" + longNumber);
        assertThat(longOrder.status()).isEqualTo(404);
        assertThat(longOrder.text()).contains("Página não encontrada");
    }

    @Test
    void theMerchantsBadValuesAreRefusedWithAReasonAndChangeNothing() {
        String number = order(visitor(), "Ana", "(11) 91234-5678");
        HttpVisitor merchant = visitor().logIn("vento");
        int stock = jdbc.queryForObject("SELECT stock FROM demo_product WHERE id = 'luva-ciclismo'", Integer.class);

        merchant.get("/admin/estoque");
        for (String units : List.of("-5", "muitas", "100000", "")) {
            HttpVisitor.Page refused = merchant.post("/admin/estoque/luva-ciclismo", "unidades", units);
            assertThat(merchant.get(refused.location().replace("http://localhost:" + port, "")).text()).as(units)
                    .contains("Informe o estoque em unidades, de 0 a 9999.");
        }
        assertThat(jdbc.queryForObject("SELECT stock FROM demo_product WHERE id = 'luva-ciclismo'", Integer.class))
                .isEqualTo(stock);

        merchant.get("/admin/pedidos/" + number);
        HttpVisitor.Page badStatus = merchant.post("/admin/pedidos/" + number + "/status", "status", "HACKED\nX");
        assertThat(merchant.get("/admin/pedidos/" + number).text()).contains("Escolha um dos status da lista.");
        HttpVisitor.Page badTracking = merchant.post("/admin/pedidos/" + number + "/status", "status", "SHIPPED",
                "rastreio", "<script>");
        assertThat(badStatus.status()).isEqualTo(302);
        assertThat(badTracking.status()).isEqualTo(302);
        assertThat(merchant.get("/admin/pedidos/" + number).text()).contains("O código de rastreio tem de 8 a 20");
        assertThat(jdbc.queryForObject("SELECT status FROM demo_order WHERE number = ?", String.class, number))
                .isEqualTo("SUBMITTED");
    }

    @Test
    void theClockOnlyMovesForwardAndExplainsWhy() {
        HttpVisitor merchant = visitor().logIn("vento");
        merchant.get("/admin/horario");
        java.time.Instant before = clock.instant();

        merchant.post("/admin/horario", "data", "2001-01-01T10:00");
        assertThat(merchant.get("/admin/horario").text()).contains("O relógio só anda para a frente");
        merchant.post("/admin/horario", "data", "amanhã cedo");
        assertThat(merchant.get("/admin/horario").text()).contains("informe data e hora");
        merchant.post("/admin/horario", "para", "03:00");
        assertThat(merchant.get("/admin/horario").text()).contains("Escolha um dos horários");

        assertThat(java.time.Duration.between(before, clock.instant())).isLessThan(java.time.Duration.ofMinutes(1));
    }

    @Test
    void everyFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        HttpVisitor shopper = visitor();
        shopper.get("/loja/vento-sul/produto/bone-corrida");
        shopper.post("/loja/vento-sul/carrinho", "produto", "bone-corrida", "quantidade", "1");
        int orders = count("demo_order", "1 = 1");

        assertThat(shopper.postRaw("/loja/vento-sul/pedido", "nome", "Ana", "celular", "(11) 91234-5678").status())
                .isEqualTo(403);
        assertThat(shopper.postRaw("/celular/responder", "numero", "11912345678", "texto", "SAIR").status())
                .isEqualTo(403);
        HttpVisitor merchant = visitor().logIn("vento");
        assertThat(merchant.postRaw("/admin/estoque/luva-ciclismo", "unidades", "7").status()).isEqualTo(403);
        assertThat(merchant.postRaw("/admin/horario", "para", "22:00").status()).isEqualTo(403);
        assertThat(merchant.postRaw("/admin/loja", "controleDeEstoque", "sim").status()).isEqualTo(403);

        assertThat(count("demo_order", "1 = 1")).isEqualTo(orders);
        assertThat(count("sms_suppression", "1 = 1")).isZero();
        assertThat(jdbc.queryForObject("SELECT stock FROM demo_product WHERE id = 'luva-ciclismo'", Integer.class))
                .isZero();
    }

    @Test
    void theAdminNeedsALoginAndEachMerchantSeesOnlyTheirStore() {
        assertThat(visitor().get("/admin/loja").location()).endsWith("/entrar");

        String ventosOrder = order(visitor(), "Ana", "(11) 91234-5678");
        HttpVisitor vento = visitor().logIn("vento");
        assertThat(vento.get("/admin/loja").html().select(".demo-admin-header strong").text())
                .isEqualTo("Admin · Vento Sul Esportes");
        HttpVisitor loja = visitor().logIn("loja");
        assertThat(loja.get("/admin/pedidos/" + ventosOrder).status()).isEqualTo(404);
        assertThat(loja.get("/admin/pedidos").html().select("table a").eachText()).doesNotContain(ventosOrder);

        HttpVisitor operator = visitor().logIn("operador");
        HttpVisitor.Page denied = operator.get("/admin/loja");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.text()).contains("Acesso negado");
    }

    @Test
    void aPageWhoseTemplateFailsGetsTheDemosErrorPageNotTomcats() {
        HttpVisitor.Page page = visitor().get("/teste/quebrada");

        assertThat(page.status()).isEqualTo(500);
        assertThat(page.html().select("h1").text()).isEqualTo("Algo deu errado");
        assertThat(page.body()).doesNotContain("HTTP Status", "Exception", "valorQueNaoExiste");
    }

    @Test
    void thePluginsRefusalsAndMissingPagesShowInTheAdminFrameNeverAsAServerError() {
        HttpVisitor merchant = visitor().logIn("loja");

        HttpVisitor.Page operatorsPage = merchant.get("/torpedo/sms/admin/operador/compras");
        HttpVisitor.Page noSuchMessage = merchant.get("/torpedo/sms/admin/mensagens/99999/reenviar");

        assertThat(operatorsPage.status()).isEqualTo(403);
        assertThat(noSuchMessage.status()).isEqualTo(404);
        for (HttpVisitor.Page page : List.of(operatorsPage, noSuchMessage)) {
            assertThat(page.html().select(".demo-admin-header strong").text()).isEqualTo("Admin · Casa Aurora");
            assertThat(page.html().select("h1").text()).isEqualTo("Não foi possível abrir esta página");
            assertThat(page.body()).doesNotContain("Exception", "HTTP Status");
        }
    }

    @Test
    void anEnglishBrowserReadsThePluginsSectionsInPortugueseLikeTheHostsPagesAroundThem() {
        HttpVisitor merchant = visitor().speaking("en-US,en;q=0.9").logIn("vento");

        assertThat(merchant.get("/admin/loja").text()).contains("Dados da loja", "Envio de SMS", "Remetente SMS")
                .doesNotContain("SMS sending", "SMS sender");
        assertThat(merchant.get("/torpedo/sms/admin/testar").text()).contains("Testar").doesNotContain("Try it");
        assertThat(merchant.get("/torpedo/sms/admin/creditos").text()).contains("Comprar crédito")
                .doesNotContain("Buy credit");
        HttpVisitor.Page refused = merchant.post("/torpedo/sms/admin/configuracao", "envio", "2", "remetente", "",
                "contato", "1133334444", "acao", "gravar", "voltar", "/admin/loja");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("Preencha o Remetente SMS").doesNotContain("Enter the SMS sender");
    }

    @Test
    void theLoginsTheFrontDoorAndTheLoginPagePrintAreTheOnesThatWork() {
        for (String path : List.of("/", "/entrar")) {
            List<String> printed = visitor().get(path).html().select(".demo-logins li").eachText();
            assertThat(printed).as(path).hasSize(3);
            for (String line : printed) {
                String[] pair = line.substring(0, line.indexOf(':')).split(" / ");
                HttpVisitor visitor = visitor();
                visitor.get("/entrar");
                HttpVisitor.Page in = visitor.post("/entrar", "username", pair[0], "password", pair[1]);
                assertThat(in.location()).as(line).doesNotContain("erro").endsWith("/admin");
            }
        }
        HttpVisitor stranger = visitor();
        stranger.get("/entrar");
        assertThat(stranger.post("/entrar", "username", "loja", "password", "loja").location()).endsWith("/entrar?erro");
    }

    @Test
    void thePagesCarryTheSecurityHeadersAndNoInlineScript() {
        HttpVisitor.Page page = visitor().get("/loja/vento-sul");

        assertThat(page.response().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.response().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.response().headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.html().select("script:not([src]), [style]")).isEmpty();
    }

    @Test
    void thePhoneExplainsABadNumberInPortuguese() {
        HttpVisitor.Page page = visitor().get("/celular?numero=(11)%203333-4444");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select(".shop-error").text()).contains("fixo");
    }

    // ---------------------------------------------------------------- the providers' webhooks, on the real server

    private static final String ZENVIA_WEBHOOK = "/torpedo/sms/webhooks/zenvia";

    private java.net.http.HttpResponse<String> zenvia(byte[] body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + ZENVIA_WEBHOOK))
                        .header("Content-Type", "application/json")
                        .header("X-Torpedo-Webhook-Secret", "demo-zenvia-webhook-secret")
                        .timeout(java.time.Duration.ofSeconds(20))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMegabyteBodyIsRefused413AndSlowClientsTieNothingUpAndAreDropped() throws Exception {
        byte[] megabyte = ("{\"id\": \"" + "x".repeat(1 << 20) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(zenvia(megabyte).statusCode()).isEqualTo(413);

        // Twenty clients that send their headers and a byte of the body they announced, then nothing.
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST " + ZENVIA_WEBHOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nX-Torpedo-Webhook-Secret: demo-zenvia-webhook-secret\r\n"
                        + "Content-Length: 1000\r\n\r\n{").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            // Meanwhile the webhook answers others: a body that is not an event is a 400, not a wait.
            assertThat(zenvia("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
            assertThat(visitor().get("/").status()).isEqualTo(200);
            // And the server lets each slow client go after its connection timeout (5 s): its read ends.
            for (java.net.Socket socket : slow) {
                java.io.InputStream in = socket.getInputStream();
                byte[] rest = in.readAllBytes();
                assertThat(rest.length == 0 || new String(rest, java.nio.charset.StandardCharsets.US_ASCII)
                        .startsWith("HTTP/1.1 ")).isTrue();
            }
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }
}
