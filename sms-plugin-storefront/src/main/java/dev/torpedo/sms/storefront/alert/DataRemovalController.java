package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.StorefrontStores;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * "Remover meus dados": {@code GET /torpedo/sms/remover-dados} asks for the number, {@code POST} sends the code,
 * {@code POST …/confirmar} takes it and erases the number. {@code pagina} is the store page the shopper came from,
 * which tells the host's {@link StorefrontStores} which store pays for the code.
 */
@Controller
class DataRemovalController {

    static final String PATH = "/torpedo/sms/remover-dados";
    static final String CONFIRM_PATH = PATH + "/confirmar";
    static final String VIEW = "torpedo/sms/storefront/removal";

    private final DataRemovalService removals;
    private final AlertPages pages;
    private final StorefrontStores stores;

    DataRemovalController(DataRemovalService removals, AlertPages pages, StorefrontStores stores) {
        this.removals = removals;
        this.pages = pages;
        this.stores = stores;
    }

    @GetMapping(PATH)
    ModelAndView form(HttpServletRequest request, @RequestParam(name = "pagina", required = false) String page) {
        return page(request, page, "form", Map.of());
    }

    @PostMapping(PATH)
    ModelAndView request(HttpServletRequest request, @RequestParam(name = "pagina", required = false) String page,
                         @RequestParam(name = "celular", required = false) String phone) {
        Optional<StoreId> store = store(request, page);
        if (store.isEmpty()) {
            return page(request, page, "unavailable", Map.of());
        }
        DataRemovalService.Requested requested = removals.request(store.get(), phone,
                request.getRemoteAddr(), AlertPages.locale(request));
        ModelAndView view = page(request, page, requested.codeSent() ? "code" : "form",
                Map.of("requested", requested, "typedPhone", phone == null ? "" : phone));
        view.setStatus(HttpStatusCode.valueOf(requested.codeSent() ? 200
                : requested.rateLimited() ? 429 : requested.phoneError() != null ? 422 : 200));
        return view;
    }

    @PostMapping(CONFIRM_PATH)
    ModelAndView confirm(HttpServletRequest request, @RequestParam(name = "pagina", required = false) String page,
                         @RequestParam(name = "pedido", required = false) Long requestId,
                         @RequestParam(name = "codigo", required = false) String code) {
        Optional<StoreId> store = store(request, page);
        if (store.isEmpty() || requestId == null) {
            return page(request, page, "unavailable", Map.of());
        }
        DataRemovalService.Confirmed confirmed = removals.confirm(store.get(), requestId, code, AlertPages.locale(request));
        String step = confirmed.removed() ? "done" : confirmed.codeError() != null ? "code" : "gone";
        ModelAndView view = page(request, page, step, Map.of("confirmed", confirmed, "requestId", requestId));
        view.setStatus(HttpStatusCode.valueOf(confirmed.codeError() != null ? 422 : 200));
        return view;
    }

    private Optional<StoreId> store(HttpServletRequest request, String page) {
        return AlertController.localPath(page == null ? "/" : page).flatMap(path -> {
            try {
                return Optional.of(new URI(request.getScheme(), null, request.getServerName(), request.getServerPort(),
                        path, null, null));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }).flatMap(stores::storeServing);
    }

    private ModelAndView page(HttpServletRequest request, String page, String step, Map<String, Object> extra) {
        String back = AlertController.localPath(page).orElse("/");
        Map<String, Object> model = new LinkedHashMap<>(pages.common(request,
                new AlertSignupService.View(false, false, "", ""), back));
        model.put("step", step);
        model.put("paths", Map.of("request", PATH, "confirm", CONFIRM_PATH));
        model.putAll(extra);
        return new ModelAndView(VIEW, model);
    }
}
