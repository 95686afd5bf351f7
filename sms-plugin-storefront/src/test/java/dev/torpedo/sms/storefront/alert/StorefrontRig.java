package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.ProductLinks;
import dev.torpedo.sms.api.spi.StockLevels;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.api.spi.StorefrontStores;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.restock.RestockFanOut;
import dev.torpedo.sms.impl.restock.RestockOptions;
import dev.torpedo.sms.impl.spring.TorpedoSmsConfiguration;
import dev.torpedo.sms.impl.spring.TorpedoSmsProperties;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.testing.FreeMarkerPages;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.RecordingGateway;
import dev.torpedo.sms.impl.testing.RecordingMetrics;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.web.CsrfTokens;
import dev.torpedo.sms.impl.window.SendWindow;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A shop around the storefront for MockMvc: the engine and "Avise-me" on a test database, a product page at
 * {@code /loja/produtos/{id}} that embeds the fragment, a settable clock, host SPIs the tests steer, and a
 * dispatcher and fan-out to run restocks end to end. Every page of {@code /loja} belongs to {@link #STORE}.
 */
public final class StorefrontRig implements AutoCloseable {

    public static final StoreId STORE = StoreId.of("loja-1");

    /** The host's store profile; tests turn the features off. */
    public volatile StoreProfile profile = new StoreProfile("Loja Um", true, true);
    /** Products in stock; every other product is sold out. */
    public final Set<String> inStock = ConcurrentHashMap.newKeySet();
    /** The host's short links; by default the link as given. */
    public volatile ProductLinks productLinks = (store, product, url) -> url;
    /** Product names by id. */
    public final Map<String, String> names = new ConcurrentHashMap<>();

    private final MutableClock clock;
    private final TestDatabase.Db db;
    private final AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    private final MockMvc mvc;
    private volatile RecordingGateway gateway = new RecordingGateway();

    public StorefrontRig(TestDatabase.Db db, Instant now) {
        this.db = db;
        this.clock = new MutableClock(now);
        context.setServletContext(new MockServletContext());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "torpedo.sms.liquibase.enabled", "false", "torpedo.sms.dispatcher.enabled", "false",
                "torpedo.sms.storefront.rate-limit.per-address", "8/10m",
                "torpedo.sms.unsubscribe.link-base", "loja.com.br/sair",
                "torpedo.sms.unsubscribe.secret", "a-test-secret-that-is-long-enough-0123456789")));
        StoreProfiles profiles = store -> STORE.equals(store) ? Optional.of(profile) : Optional.empty();
        StockLevels stock = (store, product, sku) -> inStock.contains(product);
        StorefrontStores stores = url -> url.getPath().startsWith("/loja/") ? Optional.of(STORE) : Optional.empty();
        context.addBeanFactoryPostProcessor(beans -> {
            beans.registerSingleton("dataSource", db.dataSource());
            beans.registerSingleton("transactionManager", new DataSourceTransactionManager(db.dataSource()));
            beans.registerSingleton("clock", clock);
            beans.registerSingleton("storeProfiles", profiles);
            beans.registerSingleton("stockLevels", stock);
            beans.registerSingleton("storefrontStores", stores);
            beans.registerSingleton("storefrontRig", this);
        });
        context.register(Host.class);
        context.refresh();
        this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
    }

    public MutableClock clock() {
        return clock;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public RecordingGateway gateway() {
        return gateway;
    }

    /** A gateway that has sent nothing yet. */
    public void resetGateway() {
        gateway = new RecordingGateway();
    }

    /** Fans every due restock out and sends every due message, as the background jobs would. */
    public void runBackgroundJobs() {
        JdbcTemplate jdbc = new NullBindingJdbcTemplate(db.dataSource());
        PlatformTransactionManager transactions = bean(PlatformTransactionManager.class);
        Dialect dialect = Dialect.of(db.dataSource());
        new RestockFanOut(jdbc, new TransactionTemplate(transactions), dialect, bean(StoreSettingsRepository.class),
                bean(MessageComposer.class), bean(MessageRepository.class), bean(SuppressionList.class),
                bean(SendWindow.class), (store, product, sku) -> inStock.contains(product), RestockOptions.defaults(),
                bean(TorpedoSmsProperties.class).unsubscribeLinks(), productLinks, clock).drainDue();
        try (Dispatcher dispatcher = Dispatcher.builder(jdbc, transactions, dialect, gateway)
                .ledger(bean(CreditLedger.class)).suppressions(bean(SuppressionList.class)).window(bean(SendWindow.class))
                .options(DispatcherOptions.defaults("storefront-test")).metrics(new RecordingMetrics()).clock(clock)
                .jitter(QueueRig.NO_JITTER).build()) {
            dispatcher.drain();
        }
    }

    public SmsHook hook() {
        return bean(SmsHook.class);
    }

    public Browser browser() {
        return new Browser();
    }

    @Override
    public void close() {
        context.close();
    }

    /** One response, parsed. */
    public record Page(int status, Document html, String body, MockHttpServletResponse response) {
    }

    /** A shopper's browser: its session and cookies. */
    public final class Browser {
        private final MockHttpSession session = new MockHttpSession();
        private final List<Cookie> cookies = new ArrayList<>();

        public Page product(String productId) {
            return perform(MockMvcRequestBuilders.get("/loja/produtos/" + productId));
        }

        /** The fragment's form, sent as a browser without script sends it. */
        public Page signUp(String productId, String phone, boolean consent, String... more) {
            return perform(form(productId, phone, consent, more));
        }

        /** The same form sent by the fragment's script. */
        public Page signUpByScript(String productId, String phone, boolean consent) {
            return perform(form(productId, phone, consent).param("formato", "json").accept("application/json"));
        }

        /** A single-page app's JSON body. */
        public Page signUpAsJson(String json) {
            return perform(MockMvcRequestBuilders.post(AlertPages.SIGNUP_PATH).contentType("application/json")
                    .accept("application/json").header(StorefrontCsrf.OWN_HEADER, csrfToken()).content(json));
        }

        public Page get(String path) {
            return perform(MockMvcRequestBuilders.get(path));
        }

        /** A POST of a page's own form: with this session's token. */
        public Page post(String path) {
            return perform(MockMvcRequestBuilders.post(path).contentType("application/x-www-form-urlencoded")
                    .param(CsrfTokens.PARAMETER, csrfToken()));
        }

        public Page signUpWithoutCsrf(String productId, String phone) {
            return perform(MockMvcRequestBuilders.post(AlertPages.SIGNUP_PATH).contentType("application/x-www-form-urlencoded")
                    .param("produto", productId).param("celular", phone).param("consentimento", "sim")
                    .param("pagina", "/loja/produtos/" + productId));
        }

        private MockHttpServletRequestBuilder form(String productId, String phone, boolean consent, String... more) {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            params.put(CsrfTokens.PARAMETER, csrfToken());
            params.put("produto", productId);
            params.put("celular", phone);
            params.put("pagina", "/loja/produtos/" + productId);
            params.put("site", "");
            if (consent) {
                params.put("consentimento", "sim");
            }
            for (int i = 0; i + 1 < more.length; i += 2) {
                params.put(more[i], more[i + 1]);
            }
            MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(AlertPages.SIGNUP_PATH)
                    .contentType("application/x-www-form-urlencoded");
            params.forEach(request::param);
            return request;
        }

        public String csrfToken() {
            product("token-probe");
            Object token = session.getAttribute(CsrfTokens.SESSION_KEY);
            return token == null ? "" : token.toString();
        }

        /** Any request, with this browser's session and cookies. */
        public Page perform(MockHttpServletRequestBuilder request) {
            request.session(session);
            if (!cookies.isEmpty()) {
                request.cookie(cookies.toArray(Cookie[]::new));
            }
            try {
                MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
                for (Cookie cookie : response.getCookies()) {
                    cookies.removeIf(c -> c.getName().equals(cookie.getName()));
                    cookies.add(cookie);
                }
                String body = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
                return new Page(response.getStatus(), Jsoup.parse(body), body, response);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The host's product page. */
    @Controller
    static class ProductPage {
        private final AlertPages alerts;
        private final StorefrontRig rig;

        ProductPage(AlertPages alerts, StorefrontRig rig) {
            this.alerts = alerts;
            this.rig = rig;
        }

        @GetMapping("/loja/produtos/{id}")
        String product(@PathVariable("id") String id, HttpServletRequest request, Model model) {
            model.addAllAttributes(alerts.fragment(request, STORE, id, null));
            model.addAttribute("productName", rig.names.getOrDefault(id, id));
            model.addAttribute("soldOut", !rig.inStock.contains(id));
            return "host/produto";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @Import({TorpedoSmsConfiguration.class, TorpedoSmsAlertsConfiguration.class, ProductPage.class, FreeMarkerPages.class})
    static class Host {
    }
}
