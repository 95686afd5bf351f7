package dev.torpedo.sms.demo.admin;

import dev.torpedo.sms.admin.AdminAccess;
import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.FormNonce;
import dev.torpedo.sms.admin.orders.OrderMessagesService;
import dev.torpedo.sms.admin.settings.SettingsService;
import dev.torpedo.sms.api.spi.SmsAdminAccessPolicy;
import dev.torpedo.sms.demo.shop.Inventory;
import dev.torpedo.sms.demo.shop.Order;
import dev.torpedo.sms.demo.shop.OrderDesk;
import dev.torpedo.sms.demo.shop.OrderStatus;
import dev.torpedo.sms.demo.shop.Orders;
import dev.torpedo.sms.demo.shop.Product;
import dev.torpedo.sms.demo.shop.Products;
import dev.torpedo.sms.demo.shop.Store;
import dev.torpedo.sms.demo.shop.Stores;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's own admin pages, each with the plugin's section where it belongs: "Dados da loja" (the inventory
 * switches and "Envio de SMS"), the orders and an order's page (its status, and its SMS), and the stock.
 */
@Controller
public class StoreAdminController {

    static final String STORE_PAGE = "/admin/loja";
    static final String ORDERS_PAGE = "/admin/pedidos";
    static final String STOCK_PAGE = "/admin/estoque";

    private final AdminAccess access;
    private final SmsAdminAccessPolicy policy;
    private final Stores stores;
    private final Orders orders;
    private final Products products;
    private final OrderDesk desk;
    private final Inventory inventory;
    private final SettingsService smsSettings;
    private final OrderMessagesService orderMessages;
    private final SubscriptionRepository subscriptions;

    StoreAdminController(AdminAccess access, SmsAdminAccessPolicy policy, Stores stores, Orders orders, Products products, OrderDesk desk,
                         Inventory inventory, SettingsService smsSettings, OrderMessagesService orderMessages,
                         SubscriptionRepository subscriptions) {
        this.access = access;
        this.policy = policy;
        this.stores = stores;
        this.orders = orders;
        this.products = products;
        this.desk = desk;
        this.inventory = inventory;
        this.smsSettings = smsSettings;
        this.orderMessages = orderMessages;
        this.subscriptions = subscriptions;
    }

    /** A product on the stock page, with how many shoppers wait for it. */
    public record StockLine(Product product, long waiting) {
    }

    @GetMapping("/admin")
    String home(Principal user) {
        return "redirect:" + (policy.isOperator(user) ? AdminPaths.OPERATOR_PURCHASES : STORE_PAGE);
    }

    @GetMapping(STORE_PAGE)
    String store(HttpServletRequest request, Model model) {
        AdminUser user = access.viewer(request);
        model.addAttribute("store", store(user));
        model.addAttribute("smsSettings", smsSettings.view(user.store(), user.locale()));
        return "admin/store";
    }

    @PostMapping(STORE_PAGE)
    String saveStore(HttpServletRequest request,
                     @RequestParam(name = "controleDeEstoque", required = false) String inventoryControl,
                     @RequestParam(name = "avisoDeDisponibilidade", required = false) String availabilityNotice,
                     RedirectAttributes flash) {
        AdminUser user = access.editor(request);
        boolean availability = "sim".equals(availabilityNotice);
        boolean inventoryOn = "sim".equals(inventoryControl);
        if (availability && !inventoryOn) {
            flash.addFlashAttribute("error", "O Aviso de disponibilidade precisa do Controle de estoque ligado.");
            return "redirect:" + STORE_PAGE;
        }
        stores.saveSwitches(user.store().value(), inventoryOn, availability);
        flash.addFlashAttribute("notice", "Dados da loja gravados.");
        return "redirect:" + STORE_PAGE;
    }

    @GetMapping(ORDERS_PAGE)
    String orders(HttpServletRequest request, Model model) {
        AdminUser user = access.viewer(request);
        model.addAttribute("store", store(user));
        model.addAttribute("orders", orders.of(user.store().value(), 100));
        return "admin/orders";
    }

    @GetMapping(ORDERS_PAGE + "/{pedido}")
    String order(HttpServletRequest request, @PathVariable("pedido") String number, Model model) {
        AdminUser user = access.viewer(request);
        Order order = orders.find(user.store().value(), number).orElseThrow(StoreAdminController::notFound);
        model.addAttribute("store", store(user));
        model.addAttribute("order", order);
        model.addAttribute("statuses", statuses());
        model.addAttribute("nextStatus", OrderStatus.changes().stream()
                .filter(status -> status.ordinal() > order.status().ordinal()).findFirst()
                .orElse(OrderStatus.CANCELLED).name());
        model.addAttribute("smsOrder", orderMessages.view(user, order.number()));
        model.addAttribute("nonce", FormNonce.next());
        return "admin/order";
    }

    @PostMapping(ORDERS_PAGE + "/{pedido}/status")
    String changeStatus(HttpServletRequest request, @PathVariable("pedido") String number,
                        @RequestParam(name = "status", required = false) String status,
                        @RequestParam(name = "rastreio", required = false) String tracking, RedirectAttributes flash) {
        AdminUser user = access.editor(request);
        Store store = store(user);
        Order order = orders.find(store.id(), number).orElseThrow(StoreAdminController::notFound);
        OrderDesk.Result result = desk.changeStatus(store, order.number(), status, tracking);
        if (result instanceof OrderDesk.Result.Changed changed) {
            flash.addFlashAttribute("notice", "Pedido " + order.number() + " agora está " + changed.status().label()
                    .toLowerCase() + ". " + SmsOutcomes.describe(changed.sms()));
        } else {
            flash.addFlashAttribute("error", ((OrderDesk.Result.Refused) result).message());
        }
        return "redirect:" + ORDERS_PAGE + "/" + order.number();
    }

    @GetMapping(STOCK_PAGE)
    String stock(HttpServletRequest request, Model model) {
        AdminUser user = access.viewer(request);
        Store store = store(user);
        model.addAttribute("store", store);
        List<StockLine> lines = products.of(store.id()).stream()
                .map(product -> new StockLine(product, subscriptions.countActive(user.store(), product.id())))
                .toList();
        model.addAttribute("lines", lines);
        return "admin/stock";
    }

    @PostMapping(STOCK_PAGE + "/{produto}")
    String setStock(HttpServletRequest request, @PathVariable("produto") String productId,
                    @RequestParam(name = "unidades", required = false) String units, RedirectAttributes flash) {
        AdminUser user = access.editor(request);
        Store store = store(user);
        String productUrl = ServletUriComponentsBuilder.fromContextPath(request)
                .path(store.path() + "/produto/{id}").buildAndExpand(productId).toUriString();
        Inventory.Result result = inventory.setStock(store, productId, units, productUrl);
        if (result instanceof Inventory.Result.Set set) {
            flash.addFlashAttribute("notice", "Estoque de " + set.product().name() + ": " + set.units()
                    + " unidade(s). " + (set.product().soldOut() && set.units() > 0
                    ? SmsOutcomes.describeRestock(set.sms()) : ""));
        } else {
            flash.addFlashAttribute("error", ((Inventory.Result.Refused) result).message());
        }
        return "redirect:" + STOCK_PAGE;
    }

    private Store store(AdminUser user) {
        return stores.find(user.store().value()).orElseThrow(StoreAdminController::notFound);
    }

    private static Map<String, String> statuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        OrderStatus.changes().forEach(status -> statuses.put(status.name(), status.label()));
        return statuses;
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
