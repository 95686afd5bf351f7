package dev.torpedo.sms.demo;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.OrderStatusChanged;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.phone.PhoneParseResult;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import dev.torpedo.sms.storefront.alert.AlertPages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo store's pages: place an order, move it through statuses, sign up for "Avise-me", restock, and see
 * the messages and the phone inbox. Every action goes through the plugin's public hook, as a host's code would.
 */
@Controller
class DemoController {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    static final Map<String, String> STATUSES = Map.of(
            "PAID", "Pagamento aprovado", "SHIPPED", "Enviado", "DELIVERED", "Entregue", "CANCELLED", "Cancelado");

    private final SmsHook hook;
    private final TransactionTemplate tx;
    private final MessageRepository messages;
    private final CreditLedger credits;
    private final SubscriptionRepository subscriptions;
    private final SandboxSmsGateway inbox;
    private final DemoCatalog catalog;
    private final AlertPages alerts;
    private final PhoneNumberParser phones = new PhoneNumberParser();
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong orders;

    DemoController(SmsHook hook, TransactionTemplate tx, MessageRepository messages, CreditLedger credits,
                   SubscriptionRepository subscriptions, SandboxSmsGateway inbox, DemoCatalog catalog,
                   AlertPages alerts) {
        this.alerts = alerts;
        this.hook = hook;
        this.tx = tx;
        this.messages = messages;
        this.credits = credits;
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.catalog = catalog;
        this.orders = new AtomicLong(clock.millis() / 1000 % 100_000);
    }

    @GetMapping("/")
    String store(HttpServletRequest request, Model model) {
        // The plugin's "Avise-me" fragment, as a host's product page embeds it.
        model.addAllAttributes(alerts.fragment(request, DemoHost.STORE, DemoCatalog.PRODUCT_ID, null));
        model.addAttribute("messages", messages.recent(DemoHost.STORE, 20));
        model.addAttribute("balance", credits.balance(DemoHost.STORE));
        model.addAttribute("stock", catalog.stock());
        model.addAttribute("waiting", subscriptions.countActive(DemoHost.STORE, DemoCatalog.PRODUCT_ID));
        model.addAttribute("productName", DemoCatalog.PRODUCT_NAME);
        model.addAttribute("statuses", STATUSES);
        return "index";
    }

    @PostMapping("/pedidos")
    String placeOrder(@RequestParam String nome, @RequestParam String celular, RedirectAttributes flash) {
        String orderId = "D-" + orders.incrementAndGet();
        HookResult result = tx.execute(status -> hook.orderCreated(new OrderCreated(DemoHost.STORE, orderId, orderId,
                nome, celular, new BigDecimal("89.90"), "SUBMITTED")));
        flash.addFlashAttribute("notice", "Pedido " + orderId + " criado: " + describe(result));
        flash.addFlashAttribute("lastOrder", orderId);
        flash.addFlashAttribute("lastPhone", celular);
        return "redirect:/";
    }

    @PostMapping("/pedidos/status")
    String changeStatus(@RequestParam String pedido, @RequestParam String celular, @RequestParam String status,
                        RedirectAttributes flash) {
        if (!STATUSES.containsKey(status) || pedido.isBlank()) {
            flash.addFlashAttribute("error", "Escolha um pedido e um status.");
            return "redirect:/";
        }
        HookResult result = tx.execute(transaction -> hook.orderStatusChanged(new OrderStatusChanged(DemoHost.STORE, pedido,
                pedido, "", celular, null, status, STATUSES.get(status), "SHIPPED".equals(status) ? "BR123456789BR" : null)));
        flash.addFlashAttribute("notice", "Pedido " + pedido + " agora " + STATUSES.get(status) + ": " + describe(result));
        return "redirect:/";
    }

    @PostMapping("/estoque")
    String restock(@RequestParam(defaultValue = "10") long unidades, RedirectAttributes flash) {
        long before = catalog.setStock(Math.max(0, unidades));
        HookResult result = tx.execute(status -> hook.productRestocked(new ProductRestocked(DemoHost.STORE,
                DemoCatalog.PRODUCT_ID, null, DemoCatalog.PRODUCT_NAME, "http://localhost:8080/", before,
                Math.max(0, unidades))));
        flash.addFlashAttribute("notice", "Estoque: " + unidades + " unidade(s). " + describe(result));
        return "redirect:/";
    }

    @GetMapping("/privacidade")
    String privacy() {
        return "privacidade";
    }

    @GetMapping("/celular")
    String phone(@RequestParam(required = false) String numero, Model model) {
        model.addAttribute("numero", numero == null ? "" : numero);
        if (numero != null && !numero.isBlank()) {
            PhoneParseResult phone = phones.parse(numero);
            if (phone instanceof PhoneParseResult.Invalid invalid) {
                model.addAttribute("error", invalid.message(PT_BR));
            } else {
                model.addAttribute("inbox", inbox.inbox(phone.number().orElseThrow(), 50));
            }
        }
        return "celular";
    }

    private static String describe(HookResult result) {
        return switch (result.outcome()) {
            case QUEUED -> "SMS na fila (sai entre 9h e 18h no horário do cliente).";
            case DUPLICATE -> "este SMS já estava na fila.";
            case SKIPPED -> "nenhum SMS (" + result.reason() + ").";
            case REJECTED -> "SMS recusado (" + result.reason() + ").";
        };
    }
}
