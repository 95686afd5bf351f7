package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.StorefrontStores;
import dev.torpedo.sms.impl.phone.NumbersInText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code POST /torpedo/sms/avise-me}: the fragment's form (answered with a page), the same form sent by the
 * fragment's script (answered with JSON), and a JSON body from a single-page app. The store is the one the host
 * says serves the product page the form was on.
 */
@Controller
class AlertController {

    static final String VIEW = "torpedo/sms/storefront/signup";
    private static final Logger log = LoggerFactory.getLogger(AlertController.class);
    /** A path on this site: no scheme, no host, no backslash, so that it cannot send the shopper elsewhere. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\s]{0,500}");

    private final AlertSignupService alerts;
    private final AlertPages pages;
    private final StorefrontStores stores;

    AlertController(AlertSignupService alerts, AlertPages pages, StorefrontStores stores) {
        this.alerts = alerts;
        this.pages = pages;
        this.stores = stores;
    }

    /** What a shopper sends, by form or as JSON. */
    record SignupForm(String produto, String sku, String celular, Boolean consentimento, String pagina, String site) {
    }

    @PostMapping(path = AlertPages.SIGNUP_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ModelAndView signupPage(HttpServletRequest request, HttpServletResponse response,
                            @RequestParam(name = "produto", required = false) String product,
                            @RequestParam(name = "sku", required = false) String sku,
                            @RequestParam(name = "celular", required = false) String phone,
                            @RequestParam(name = "consentimento", required = false) String consent,
                            @RequestParam(name = "pagina", required = false) String page,
                            @RequestParam(name = "site", required = false) String honeypot) {
        SignupForm form = new SignupForm(product, sku, phone, "sim".equals(consent), page, honeypot);
        AlertSignupService.Result result = signup(request, response, form, AlertSignupService.WEB);
        String back = localPath(page).orElse("/");
        Map<String, Object> model = new LinkedHashMap<>(pages.common(request,
                new AlertSignupService.View(result.outcome() != AlertSignupService.Outcome.UNAVAILABLE,
                        result.outcome() == AlertSignupService.Outcome.ALREADY_SUBSCRIBED,
                        product == null ? "" : product, sku == null ? "" : sku), back));
        model.put("result", result);
        model.put("typedPhone", phone == null ? "" : phone);
        ModelAndView view = new ModelAndView(VIEW, model);
        view.setStatus(HttpStatusCode.valueOf(status(result)));
        return view;
    }

    /** The fragment's script sends the same form with {@code formato=json} and shows the answer in place. */
    @PostMapping(path = AlertPages.SIGNUP_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            params = "formato=json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> signupFormAsJson(HttpServletRequest request, HttpServletResponse response,
            @RequestParam(name = "produto", required = false) String product,
            @RequestParam(name = "sku", required = false) String sku,
            @RequestParam(name = "celular", required = false) String phone,
            @RequestParam(name = "consentimento", required = false) String consent,
            @RequestParam(name = "pagina", required = false) String page,
            @RequestParam(name = "site", required = false) String honeypot) {
        return json(signup(request, response, new SignupForm(product, sku, phone, "sim".equals(consent), page, honeypot),
                AlertSignupService.WEB));
    }

    /** A single-page app posts JSON: {"produto", "sku", "celular", "consentimento": true, "pagina", "site"}. */
    @PostMapping(path = AlertPages.SIGNUP_PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> signupJson(HttpServletRequest request, HttpServletResponse response,
                                                   @RequestBody SignupForm form) {
        return json(signup(request, response, form, AlertSignupService.JSON));
    }

    private AlertSignupService.Result signup(HttpServletRequest request, HttpServletResponse response,
                                             SignupForm form, String channel) {
        Locale locale = AlertPages.locale(request);
        Optional<StoreId> store = localPath(form.pagina()).flatMap(path -> pageUrl(request, path)).flatMap(stores::storeServing);
        if (store.isEmpty()) {
            log.info("Avise-me refused: no store serves the page {}", NumbersInText.masked(form.pagina()));
            return new AlertSignupService.Result(AlertSignupService.Outcome.UNAVAILABLE, Map.of(),
                    new AlertPages.Texts(locale).get("alert.unavailable"));
        }
        AlertSignupService.Result result = alerts.signup(new AlertSignupService.Signup(store.get(), form.produto(),
                form.sku(), form.celular(), Boolean.TRUE.equals(form.consentimento()), form.site(), channel,
                request.getRemoteAddr()), locale);
        if (result.outcome() == AlertSignupService.Outcome.SUBSCRIBED
                || result.outcome() == AlertSignupService.Outcome.ALREADY_SUBSCRIBED) {
            AlertCookie.remember(request, response, store.get(), form.produto());
        }
        return result;
    }

    private static ResponseEntity<Map<String, Object>> json(AlertSignupService.Result result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", result.outcome().name());
        body.put("message", result.message());
        body.put("errors", result.errors());
        return ResponseEntity.status(status(result)).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static int status(AlertSignupService.Result result) {
        return switch (result.outcome()) {
            case SUBSCRIBED, ALREADY_SUBSCRIBED, IGNORED -> 200;
            case INVALID -> 422;
            case UNAVAILABLE -> 404;
            case RATE_LIMITED -> 429;
        };
    }

    static Optional<String> localPath(String page) {
        return page != null && LOCAL_PATH.matcher(page).matches() ? Optional.of(page) : Optional.empty();
    }

    private static Optional<URI> pageUrl(HttpServletRequest request, String path) {
        try {
            return Optional.of(new URI(request.getScheme() + "://" + request.getServerName()
                    + (request.getServerPort() > 0 ? ":" + request.getServerPort() : "") + path));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
