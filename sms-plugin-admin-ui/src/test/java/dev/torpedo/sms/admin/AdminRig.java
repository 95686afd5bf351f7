package dev.torpedo.sms.admin;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.ManagedStores;
import dev.torpedo.sms.api.spi.SmsAdminAccessPolicy;
import dev.torpedo.sms.api.spi.StoreOrders;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.spring.TorpedoSmsConfiguration;
import dev.torpedo.sms.impl.testing.FreeMarkerPages;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.RecordingGateway;
import dev.torpedo.sms.impl.testing.RecordingMetrics;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.web.CsrfTokens;
import dev.torpedo.sms.impl.window.SendWindow;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A host around the admin for MockMvc: the engine and the admin on a test database, Spring MVC with FreeMarker as
 * a host has it (no Spring Security, so the plugin's own CSRF token is in force), a settable clock, and host SPIs
 * the tests steer. Users: "ana" manages {@link #ANA}, "bia" manages {@link #BIA}, "operador" is the platform
 * operator, "visitante" may see nothing.
 *
 * <pre>{@code
 * try (var rig = new AdminRig(db, Instant.parse("2026-12-01T23:00:00Z"))) {
 *     AdminRig.Page page = rig.as("ana").get("/torpedo/sms/admin/configuracao");
 *     rig.as("ana").post("/torpedo/sms/admin/configuracao", "envio", "3", "remetente", "Loja da Ana", ...);
 * }
 * }</pre>
 */
public final class AdminRig implements AutoCloseable {

    public static final StoreId ANA = StoreId.of("loja-ana");
    public static final StoreId BIA = StoreId.of("loja-bia");

    /** What the host says of each store; tests turn the features on and off. */
    public final Map<StoreId, StoreProfile> profiles = new ConcurrentHashMap<>();
    /** The host's orders, by store and id. */
    public final Map<String, StoreOrders.Order> orders = new ConcurrentHashMap<>();
    /** Set to make the host's StoreProfiles fail, as a broken host would. */
    public volatile RuntimeException profilesFailure;

    private final MutableClock clock;
    private final AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    private final MockMvc mvc;
    private final RecordingGateway gateway = new RecordingGateway();

    public AdminRig(TestDatabase.Db db, Instant now) {
        this.clock = new MutableClock(now);
        profiles.put(ANA, new StoreProfile("Loja da Ana", true, true));
        profiles.put(BIA, new StoreProfile("Loja da Bia", true, true));
        context.setServletContext(new MockServletContext());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "torpedo.sms.liquibase.enabled", "false", "torpedo.sms.dispatcher.enabled", "false")));
        StoreProfiles storeProfiles = this::profileOf;
        StoreOrders storeOrders = (store, id) -> Optional.ofNullable(orders.get(store.value() + "/" + id));
        context.addBeanFactoryPostProcessor(beans -> {
            beans.registerSingleton("dataSource", db.dataSource());
            beans.registerSingleton("transactionManager", new DataSourceTransactionManager(db.dataSource()));
            beans.registerSingleton("clock", clock);
            beans.registerSingleton("storeProfiles", storeProfiles);
            beans.registerSingleton("storeOrders", storeOrders);
        });
        context.register(Host.class);
        context.refresh();
        this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
    }

    private Optional<StoreProfile> profileOf(StoreId store) {
        if (profilesFailure != null) {
            throw profilesFailure;
        }
        return Optional.ofNullable(profiles.get(store));
    }

    public MutableClock clock() {
        return clock;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A dispatcher on the rig's database and clock, sending to a recording gateway that accepts everything. */
    public Dispatcher dispatcher() {
        return Dispatcher.builder(new NullBindingJdbcTemplate(bean(DataSource.class)),
                        bean(PlatformTransactionManager.class),
                        dev.torpedo.sms.impl.db.Dialect.of(bean(DataSource.class)), gateway)
                .ledger(bean(CreditLedger.class)).suppressions(bean(SuppressionList.class)).window(bean(SendWindow.class))
                .options(DispatcherOptions.defaults("admin-test")).metrics(new RecordingMetrics()).clock(clock)
                .jitter(QueueRig.NO_JITTER).build();
    }

    public RecordingGateway gateway() {
        return gateway;
    }

    /** A browser signed in as {@code user} (or nobody, for {@code null}), with its own session. */
    public Browser as(String user) {
        return new Browser(user);
    }

    @Override
    public void close() {
        context.close();
    }

    /** One response, its body parsed by jsoup. */
    public record Page(int status, String redirect, Document html, String body, MockHttpServletResponse response) {
    }

    public final class Browser {
        private final Principal user;
        private final MockHttpSession session = new MockHttpSession();

        private Browser(String name) {
            this.user = name == null ? null : () -> name;
        }

        public Page get(String path, String... params) {
            return perform(MockMvcRequestBuilders.get(path), params);
        }

        /** A GET from a browser whose language is English. */
        public Page getInEnglish(String path) {
            return perform(MockMvcRequestBuilders.get(path).header("Accept-Language", "en-US,en;q=0.9"));
        }

        /** A POST carrying the CSRF token of this browser's session, as the page's form would. */
        public Page post(String path, String... params) {
            return perform(MockMvcRequestBuilders.post(path).param(CsrfTokens.PARAMETER, csrfToken()),
                    params);
        }

        /** A POST without any CSRF token, as a forged form would send. */
        public Page postWithoutCsrf(String path, String... params) {
            return perform(MockMvcRequestBuilders.post(path), params);
        }

        /** The token the forms of this session carry. */
        public String csrfToken() {
            // Any admin page, even a refusal, gives the session its token.
            Page page = get(AdminPaths.SETTINGS);
            Object token = session.getAttribute(CsrfTokens.SESSION_KEY);
            if (token == null) {
                throw new IllegalStateException("No CSRF token in the session after " + page.status());
            }
            return token.toString();
        }

        private Page perform(MockHttpServletRequestBuilder request, String... params) {
            request.session(session);
            if (user != null) {
                request.principal(user);
            }
            for (int i = 0; i + 1 < params.length; i += 2) {
                request.param(params[i], params[i + 1]);
            }
            try {
                MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
                String body = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
                return new Page(response.getStatus(), response.getRedirectedUrl(), Jsoup.parse(body), body, response);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A host's own page with the plugin's section in it, as README shows. */
    @org.springframework.stereotype.Controller
    static class HostStorePage {
        private final AdminAccess access;
        private final AdminModel adminModel;
        private final dev.torpedo.sms.admin.settings.SettingsService settings;

        HostStorePage(AdminAccess access, AdminModel adminModel, dev.torpedo.sms.admin.settings.SettingsService settings) {
            this.access = access;
            this.adminModel = adminModel;
            this.settings = settings;
        }

        @org.springframework.web.bind.annotation.GetMapping("/host/dados-da-loja")
        String storePage(jakarta.servlet.http.HttpServletRequest request, org.springframework.ui.Model model) {
            AdminUser user = access.viewer(request);
            model.addAllAttributes(adminModel.attributes(request));
            model.addAttribute("smsSettings", settings.view(user.store(), user.locale()));
            return "host/dados-da-loja";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @Import({TorpedoSmsConfiguration.class, TorpedoSmsAdminConfiguration.class, HostStorePage.class, FreeMarkerPages.class})
    static class Host {

        @Bean
        SmsAdminAccessPolicy access() {
            Function<String, StoreId> storeOf = name -> switch (name) {
                case "ana" -> ANA;
                case "bia" -> BIA;
                default -> null;
            };
            return new SmsAdminAccessPolicy() {
                @Override
                public boolean mayView(Principal user, StoreId store) {
                    return store.equals(storeOf.apply(user.getName()));
                }

                @Override
                public boolean mayChange(Principal user, StoreId store) {
                    return store.equals(storeOf.apply(user.getName()));
                }

                @Override
                public boolean isOperator(Principal user) {
                    return "operador".equals(user.getName());
                }
            };
        }

        @Bean
        ManagedStores managedStores() {
            return user -> switch (user.getName()) {
                case "ana" -> Optional.of(ANA);
                case "bia" -> Optional.of(BIA);
                case "visitante" -> Optional.of(ANA);
                default -> Optional.empty();
            };
        }

    }
}
