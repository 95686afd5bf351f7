package dev.torpedo.sms.admin.orders;

import dev.torpedo.sms.admin.AdminAccess;
import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.ReturnPath;
import dev.torpedo.sms.admin.FormNonce;
import dev.torpedo.sms.admin.Texts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/** The SMS part of an order's page: its messages, and a manual send. */
@Controller
class OrderMessagesController {

    static final String VIEW = "torpedo/sms/admin/order";

    private final AdminAccess access;
    private final OrderMessagesService orders;

    OrderMessagesController(AdminAccess access, OrderMessagesService orders) {
        this.access = access;
        this.orders = orders;
    }

    @GetMapping(AdminPaths.ORDERS + "/{orderId}")
    ModelAndView show(HttpServletRequest request, @PathVariable("orderId") String orderId) {
        AdminUser user = access.viewer(request);
        requireOrderId(orderId);
        return page(orders.view(user, orderId));
    }

    @PostMapping(AdminPaths.ORDERS + "/{orderId}/mensagens")
    ModelAndView send(HttpServletRequest request, @PathVariable("orderId") String orderId,
                      @RequestParam(name = "mensagem", required = false) String template,
                      @RequestParam(name = "nonce", required = false) String nonce,
                      @RequestParam(name = ReturnPath.PARAMETER, required = false) String returnTo,
                      RedirectAttributes flash) {
        AdminUser user = access.editor(request);
        requireOrderId(orderId);
        OrderMessagesService.View refused = orders.send(user, orderId, template, nonce);
        if (refused != null) {
            ModelAndView page = page(refused);
            page.addObject("returnTo", ReturnPath.or(returnTo, ""));
            page.setStatus(HttpStatusCode.valueOf(422));
            return page;
        }
        flash.addFlashAttribute("notice", new Texts(user.locale()).get("order.manual.done"));
        return new ModelAndView("redirect:" + ReturnPath.or(returnTo, AdminPaths.ORDERS + "/"
                + UriUtils.encodePathSegment(orderId, StandardCharsets.UTF_8)));
    }

    private static void requireOrderId(String orderId) {
        if (!OrderMessagesService.isOrderId(orderId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static ModelAndView page(OrderMessagesService.View view) {
        ModelAndView page = new ModelAndView(VIEW, "view", view);
        page.addObject("nonce", FormNonce.next());
        return page;
    }
}
