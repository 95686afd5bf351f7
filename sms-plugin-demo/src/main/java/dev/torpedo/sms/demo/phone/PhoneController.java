package dev.torpedo.sms.demo.phone;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.demo.clock.DemoClock;
import dev.torpedo.sms.demo.shop.Store;
import dev.torpedo.sms.demo.shop.Stores;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxCarrier;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSms;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.phone.PhoneParseResult;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.window.SendWindow;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Celular do cliente": a phone that shows the SMS the sandbox "sent" to a number, as a phone shows them (who
 * from, when in the phone's own time, the text), newest first, and lets the shopper answer.
 */
@Controller
public class PhoneController {

    static final String PAGE = "/celular";
    private static final int SHOWN = 50;
    private static final int MAX_REPLY = 160;
    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM HH:mm", PT_BR);

    private final SandboxSmsGateway sandbox;
    private final SandboxCarrier carrier;
    private final PhoneReplies replies;
    private final Stores stores;
    private final SendWindow window;
    private final DemoClock clock;
    private final PhoneNumberParser phones = new PhoneNumberParser();

    PhoneController(SandboxSmsGateway sandbox, SandboxCarrier carrier, PhoneReplies replies, Stores stores,
                    SendWindow window, DemoClock clock) {
        this.sandbox = sandbox;
        this.carrier = carrier;
        this.replies = replies;
        this.stores = stores;
        this.window = window;
        this.clock = clock;
    }

    /** One bubble of the conversation. */
    public record Bubble(boolean mine, String from, String when, String text, Instant at) {
    }

    @GetMapping(PAGE)
    String phone(@RequestParam(name = "numero", required = false) String typed, Model model) {
        model.addAttribute("numbers", sandbox.recentRecipients(10).stream().map(MobileNumber::nationalNumber).toList());
        return conversation(typed, model, "celular");
    }

    /** The conversation alone: the page's script fetches it every few seconds. */
    @GetMapping(PAGE + "/conversa")
    String refresh(@RequestParam(name = "numero", required = false) String typed, Model model) {
        return conversation(typed, model, "celular-conversa");
    }

    @PostMapping(PAGE + "/responder")
    String reply(@RequestParam(name = "numero", required = false) String typed,
                 @RequestParam(name = "texto", required = false) String text, RedirectAttributes flash) {
        PhoneParseResult phone = phones.parse(typed == null ? "" : typed);
        if (phone instanceof PhoneParseResult.Invalid invalid) {
            flash.addFlashAttribute("error", invalid.message(PT_BR));
            return "redirect:" + PAGE;
        }
        MobileNumber number = phone.number().orElseThrow();
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_REPLY) {
            flash.addFlashAttribute("error", "Escreva uma resposta de até " + MAX_REPLY + " caracteres.");
        } else {
            replies.add(number, body, clock.instant());
            OptOut.Result result = carrier.reply(number, body);
            flash.addFlashAttribute("notice", result.outcome() == OptOut.Outcome.OPTED_OUT
                    ? "Pronto: este número não recebe mais SMS das lojas."
                    : "Resposta enviada. Para não receber mais SMS, responda SAIR.");
        }
        return "redirect:" + UriComponentsBuilder.fromPath(PAGE).queryParam("numero", number.nationalNumber())
                .build().toUriString();
    }

    private String conversation(String typed, Model model, String view) {
        model.addAttribute("numero", typed == null ? "" : typed);
        if (typed == null || typed.isBlank()) {
            return view;
        }
        PhoneParseResult phone = phones.parse(typed);
        if (phone instanceof PhoneParseResult.Invalid invalid) {
            model.addAttribute("error", invalid.message(PT_BR));
            return view;
        }
        MobileNumber number = phone.number().orElseThrow();
        model.addAttribute("numero", number.nationalNumber());
        model.addAttribute("bubbles", bubbles(number));
        return view;
    }

    private List<Bubble> bubbles(MobileNumber number) {
        ZoneId zone = window.localZone(number);
        List<Bubble> bubbles = new ArrayList<>();
        for (SandboxSms sms : sandbox.inbox(number, SHOWN)) {
            String from = stores.find(sms.storeId().value()).map(Store::name).orElse(sms.storeId().value());
            bubbles.add(new Bubble(false, from, WHEN.format(sms.at().atZone(zone)), sms.body(), sms.at()));
        }
        for (PhoneReplies.Reply reply : replies.of(number, SHOWN)) {
            bubbles.add(new Bubble(true, "Você", WHEN.format(reply.at().atZone(zone)), reply.body(), reply.at()));
        }
        bubbles.sort(Comparator.comparing(Bubble::at).reversed());
        return bubbles.size() > SHOWN ? bubbles.subList(0, SHOWN) : bubbles;
    }
}
