package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.i18n.Messages;
import dev.torpedo.sms.impl.web.CsrfTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What the "Avise-me" macro reads, for the plugin's own pages and for the host's product page: the fragment's
 * view, the texts and the CSRF field.
 *
 * <pre>{@code
 * @GetMapping("/produtos/{id}")
 * String product(@PathVariable String id, HttpServletRequest request, Model model) {
 *     model.addAllAttributes(alertPages.fragment(request, store, id, null));
 *     return "produto";        // <#import "/torpedo/sms/storefront/avise-me.ftlh" as avise> <@avise.signup/>
 * }
 * }</pre>
 */
public final class AlertPages {

    public static final String SIGNUP_PATH = "/torpedo/sms/avise-me";
    public static final String ASSETS = "/torpedo/sms/storefront-assets";
    private static final Messages TEXTS = Messages.bundle("dev.torpedo.sms.storefront.messages");

    private final AlertSignupService alerts;
    private final String layout;

    public AlertPages(AlertSignupService alerts, String layout) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    String layout() {
        return layout;
    }

    /** The model of a product page that shows the fragment. */
    public Map<String, Object> fragment(HttpServletRequest request, StoreId store, String productId, String skuId) {
        AlertSignupService.View view = alerts.fragment(store, productId, skuId, AlertCookie.asked(request, store, productId));
        return common(request, view, request.getRequestURI());
    }

    Map<String, Object> common(HttpServletRequest request, AlertSignupService.View view, String page) {
        CsrfTokens.Field csrf = StorefrontCsrf.field(request);
        return Map.of("torpedoAlert", view, "torpedoAlertPage", page,
                "torpedoAlertTexts", new Texts(locale(request)), "torpedoAlertCsrf", csrf,
                "torpedoAlertPaths", Map.of("signup", SIGNUP_PATH, "assets", ASSETS),
                "torpedoStorefrontLayout", layout);
    }

    /** pt-BR unless the shopper's browser (or the host's locale resolver) asks for English. */
    static Locale locale(HttpServletRequest request) {
        // The server's default locale (what a request without Accept-Language reports) is nobody's choice.
        LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
        boolean explicit = !(resolver == null || resolver instanceof AcceptHeaderLocaleResolver)
                || request.getHeader("Accept-Language") != null;
        return Messages.supportedLocale(RequestContextUtils.getLocale(request), explicit);
    }

    /** The storefront's texts in one language, for templates. */
    public static final class Texts {
        private final Locale locale;

        Texts(Locale locale) {
            this.locale = locale;
        }

        public String get(String key, Object... args) {
            return TEXTS.text(key, locale, args);
        }

        public Locale locale() {
            return locale;
        }
    }
}
