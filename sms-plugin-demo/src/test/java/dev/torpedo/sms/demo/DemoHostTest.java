package dev.torpedo.sms.demo;

import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.admin.AdminPaths;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo host over real HTTP: its pages render, its forms need the CSRF token, an order queues its SMS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1",
        "torpedo.sms.dispatcher.enabled=false"})
class DemoHostTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    MessageRepository messages;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anOrderPlacedInTheStoreQueuesItsSmsAndShowsItMasked() throws Exception {
        HttpResponse<String> store = get("/");
        assertThat(store.statusCode()).isEqualTo(200);
        assertThat(store.body()).contains("Loja Demo", "Saldo: <strong>10</strong>");
        Matcher token = CSRF.matcher(store.body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> placed = post("/pedidos", String.join("&", field("_csrf", token.group(1)),
                field("nome", "Ana <b>Souza</b>"), field("celular", "(11) 91234-5678")));

        assertThat(placed.statusCode()).isEqualTo(302);
        HttpResponse<String> after = get("/");
        assertThat(after.body()).contains("+55 11 9****-5678", "Loja Demo: Ola Ana")
                .doesNotContain("<b>Souza</b>");
        assertThat(messages.recent(DemoHost.STORE, 5)).first()
                .satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.QUEUED));
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        int before = messages.recent(DemoHost.STORE, 100).size();

        HttpResponse<String> forged = post("/pedidos", String.join("&", field("nome", "Ana"), field("celular", "11912345678")));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(messages.recent(DemoHost.STORE, 100)).hasSize(before);
    }

    @Test
    void thePhoneInboxExplainsABadNumberInPortuguese() throws Exception {
        HttpResponse<String> inbox = get("/celular?numero=" + URLEncoder.encode("(11) 3333-4444", StandardCharsets.UTF_8));

        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("fixo");
    }

    private String csrfOf(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).select("input[name=_csrf]").val();
    }

    private void logIn(String user) throws Exception {
        HttpResponse<String> login = get("/login");
        HttpResponse<String> done = post("/login", String.join("&", field("_csrf", csrfOf(login)),
                field("username", user), field("password", user)));
        assertThat(done.statusCode()).isEqualTo(302);
    }

    @Test
    void theAdminAsksForALogin() throws Exception {
        HttpResponse<String> page = get(AdminPaths.SETTINGS);

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
    }

    @Test
    void theMerchantSavesEnvioDeSmsWithTheHostsCsrfTokenInsideTheHostsLayout() throws Exception {
        logIn("loja");
        HttpResponse<String> page = get(AdminPaths.SETTINGS);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select(".demo-admin-header").text()).contains("Loja Demo · Admin");
        assertThat(html.select("#torpedo-envio option[selected]").text())
                .isEqualTo("(6) Alteração de status + Disponibilidade de produto");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'"));

        HttpResponse<String> forged = post(AdminPaths.SETTINGS, String.join("&", field("envio", "3"),
                field("remetente", "Outra"), field("contato", "1133334444")));
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> saved = post(AdminPaths.SETTINGS, String.join("&", field("_csrf", csrfOf(page)),
                field("envio", "6"), field("remetente", "Loja Demo"), field("contato", "1133334444")));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(Jsoup.parse(get(AdminPaths.SETTINGS).body()).select(".torpedo-notice").text())
                .isEqualTo("Configurações de SMS gravadas.");
    }

    @Test
    void theOperatorSeesPaymentsButNotAStoresSettings() throws Exception {
        logIn("operador");

        assertThat(get(AdminPaths.OPERATOR_PURCHASES).statusCode()).isEqualTo(200);
        assertThat(get(AdminPaths.SETTINGS).statusCode()).isEqualTo(403);
    }

    @Test
    void theSoldOutMugOffersThePluginsAviseMeAndASignupWorksWithTheHostsCsrfToken() throws Exception {
        HttpResponse<String> store = get("/");
        Document page = Jsoup.parse(store.body());
        assertThat(page.select(".torpedo-alert h2").text()).isEqualTo("Avise-me quando chegar");
        assertThat(page.select(".torpedo-alert a").attr("href")).isEqualTo("/privacidade");

        HttpResponse<String> signup = post("/torpedo/sms/avise-me", String.join("&",
                field("_csrf", page.select(".torpedo-alert input[name=_csrf]").val()),
                field("produto", DemoCatalog.PRODUCT_ID), field("celular", "(21) 98765-4321"),
                field("consentimento", "sim"), field("pagina", "/"), field("site", "")));

        assertThat(signup.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(signup.body()).select(".torpedo-alert-result").text()).startsWith("Pronto!");
        assertThat(Jsoup.parse(get("/").body()).select(".torpedo-alert-result").text()).startsWith("Você já está inscrito");
    }
}
