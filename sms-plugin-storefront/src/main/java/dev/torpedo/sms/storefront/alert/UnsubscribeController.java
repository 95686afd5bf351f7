package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.impl.optout.UnsubscribeLinks;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.restock.Subscription;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page behind the "Sair:" link of an alert. Opening it changes nothing (link previewers open links too); its
 * button stops every SMS to the number, as a reply SAIR does. A token that is not genuine, or whose subscription
 * lost its number to retention, gets a page that says so.
 */
@Controller
class UnsubscribeController {

    static final String PATH = "${" + TorpedoSmsAlertsConfiguration.UNSUBSCRIBE_PATH + ":/sair}/{token}";
    static final String VIEW = "torpedo/sms/storefront/unsubscribe";

    private final Optional<UnsubscribeLinks> links;
    private final SubscriptionRepository subscriptions;
    private final OptOut optOut;
    private final AlertPages pages;

    UnsubscribeController(Optional<UnsubscribeLinks> links, SubscriptionRepository subscriptions, OptOut optOut,
                          AlertPages pages) {
        this.links = links;
        this.subscriptions = subscriptions;
        this.optOut = optOut;
        this.pages = pages;
    }

    @GetMapping(PATH)
    ModelAndView confirm(HttpServletRequest request, @PathVariable("token") String token) {
        return page(request, genuine(token), false);
    }

    @PostMapping(PATH)
    ModelAndView unsubscribe(HttpServletRequest request, @PathVariable("token") String token) {
        Optional<Subscription> subscription = genuine(token);
        subscription.ifPresent(s -> optOut.unsubscribeByLink(s.recipient()));
        return page(request, subscription, subscription.isPresent());
    }

    private Optional<Subscription> genuine(String token) {
        return links.flatMap(l -> UnsubscribeLinks.subscriptionOf(token)
                .flatMap(subscriptions::find)
                .filter(s -> s.recipient() != null && l.isValid(token, s.recipient(), s.productId())));
    }

    private ModelAndView page(HttpServletRequest request, Optional<Subscription> subscription, boolean done) {
        Map<String, Object> model = new LinkedHashMap<>(pages.common(request,
                new AlertSignupService.View(false, false, "", ""), request.getRequestURI()));
        model.put("valid", subscription.isPresent());
        model.put("done", done);
        model.put("masked", subscription.map(s -> s.recipient().masked()).orElse(""));
        ModelAndView view = new ModelAndView(VIEW, model);
        view.setStatus(HttpStatusCode.valueOf(subscription.isPresent() ? 200 : 404));
        return view;
    }
}
