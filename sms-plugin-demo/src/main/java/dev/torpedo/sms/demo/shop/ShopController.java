package dev.torpedo.sms.demo.shop;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.storefront.alert.AlertPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shopper's side of each store: catalog, product pages (with the plugin's "Avise-me" on a sold-out one),
 * cart, checkout and the order's confirmation.
 */
@Controller
public class ShopController {

    private static final String MY_ORDERS = "demo.orders";

    private final Stores stores;
    private final Products products;
    private final Orders orders;
    private final Checkout checkout;
    private final AlertPages alerts;

    ShopController(Stores stores, Products products, Orders orders, Checkout checkout, AlertPages alerts) {
        this.stores = stores;
        this.products = products;
        this.orders = orders;
        this.checkout = checkout;
        this.alerts = alerts;
    }

    /** A line of the cart page. */
    public record CartLine(Product product, int quantity, BigDecimal subtotal) {
    }

    @GetMapping("/loja/{loja}")
    String catalog(@PathVariable("loja") String storeId, HttpSession session, Model model) {
        Store store = store(storeId, session, model);
        model.addAttribute("products", products.of(store.id()));
        return "shop/catalog";
    }

    @GetMapping("/loja/{loja}/produto/{produto}")
    String product(@PathVariable("loja") String storeId, @PathVariable("produto") String productId,
                   HttpServletRequest request, HttpSession session, Model model) {
        Store store = store(storeId, session, model);
        Product product = products.find(store.id(), productId).orElseThrow(ShopController::notFound);
        model.addAttribute("product", product);
        // The plugin's "Avise-me" fragment, as a host's product page embeds it: it shows itself only when the
        // product is sold out and the store sends availability alerts.
        model.addAllAttributes(alerts.fragment(request, store.storeId(), product.id(), null));
        return "shop/product";
    }

    @PostMapping("/loja/{loja}/carrinho")
    String add(@PathVariable("loja") String storeId, @RequestParam(name = "produto", required = false) String productId,
               @RequestParam(name = "quantidade", defaultValue = "1") String typedQuantity, HttpSession session,
               RedirectAttributes flash) {
        Store store = stores.find(storeId).orElseThrow(ShopController::notFound);
        Product product = products.find(store.id(), productId).orElseThrow(ShopController::notFound);
        int quantity = parseQuantity(typedQuantity);
        if (quantity < 1) {
            flash.addFlashAttribute("error", "Escolha de 1 a " + Cart.MAX_QUANTITY + " unidades.");
            return "redirect:" + store.path() + "/produto/" + product.id();
        }
        if (product.soldOut()) {
            flash.addFlashAttribute("error", product.name() + " está esgotado.");
            return "redirect:" + store.path() + "/produto/" + product.id();
        }
        Cart.of(session, store.id()).add(product.id(), quantity);
        flash.addFlashAttribute("notice", product.name() + " está no seu carrinho.");
        return "redirect:" + store.path() + "/carrinho";
    }

    @PostMapping("/loja/{loja}/carrinho/remover")
    String remove(@PathVariable("loja") String storeId,
                  @RequestParam(name = "produto", required = false) String productId, HttpSession session) {
        Store store = stores.find(storeId).orElseThrow(ShopController::notFound);
        if (productId != null) {
            Cart.of(session, store.id()).remove(productId);
        }
        return "redirect:" + store.path() + "/carrinho";
    }

    @GetMapping("/loja/{loja}/carrinho")
    String cart(@PathVariable("loja") String storeId, HttpSession session, Model model) {
        Store store = store(storeId, session, model);
        model.addAttribute("lines", lines(store, Cart.of(session, store.id())));
        return "shop/cart";
    }

    @PostMapping("/loja/{loja}/pedido")
    String placeOrder(@PathVariable("loja") String storeId, @RequestParam(name = "nome", required = false) String name,
                      @RequestParam(name = "celular", required = false) String mobile, HttpSession session,
                      Model model, RedirectAttributes flash, HttpServletResponse response) {
        Store store = store(storeId, session, model);
        Cart cart = Cart.of(session, store.id());
        Checkout.Result result = checkout.place(store, cart.quantities(), name, mobile);
        if (result instanceof Checkout.Result.Refused refused) {
            response.setStatus(422);
            model.addAttribute("lines", lines(store, cart));
            model.addAttribute("errors", Map.of(refused.field(), refused.message()));
            model.addAttribute("typedName", name == null ? "" : name);
            model.addAttribute("typedMobile", mobile == null ? "" : mobile);
            return "shop/cart";
        }
        Checkout.Result.Placed placed = (Checkout.Result.Placed) result;
        cart.clear();
        myOrders(session).add(store.id() + "/" + placed.order().number());
        flash.addFlashAttribute("smsNotice", smsNotice(placed.sms()));
        return "redirect:" + store.path() + "/pedido/" + placed.order().number();
    }

    @GetMapping("/loja/{loja}/pedido/{pedido}")
    String confirmation(@PathVariable("loja") String storeId, @PathVariable("pedido") String number,
                        HttpSession session, Model model) {
        Store store = store(storeId, session, model);
        // Only the shopper who placed it sees an order: its number alone is not a password.
        if (!myOrders(session).contains(store.id() + "/" + number)) {
            throw notFound();
        }
        model.addAttribute("order", orders.find(store.id(), number).orElseThrow(ShopController::notFound));
        return "shop/confirmation";
    }

    @GetMapping("/loja/{loja}/privacidade")
    String privacy(@PathVariable("loja") String storeId, HttpSession session, Model model) {
        store(storeId, session, model);
        return "shop/privacidade";
    }

    private Store store(String storeId, HttpSession session, Model model) {
        Store store = stores.find(storeId).orElseThrow(ShopController::notFound);
        model.addAttribute("store", store);
        model.addAttribute("cartUnits", Cart.of(session, store.id()).units());
        return store;
    }

    private List<CartLine> lines(Store store, Cart cart) {
        List<CartLine> lines = new ArrayList<>();
        cart.quantities().forEach((productId, quantity) -> products.find(store.id(), productId).ifPresent(product ->
                lines.add(new CartLine(product, quantity, product.price().multiply(BigDecimal.valueOf(quantity))))));
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> myOrders(HttpSession session) {
        Set<String> mine = (Set<String>) session.getAttribute(MY_ORDERS);
        if (mine == null) {
            mine = new HashSet<>();
            session.setAttribute(MY_ORDERS, mine);
        }
        return mine;
    }

    private static int parseQuantity(String typed) {
        try {
            int quantity = Integer.parseInt(typed.strip());
            return quantity >= 1 && quantity <= Cart.MAX_QUANTITY ? quantity : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What the shopper is told about the order's SMS. */
    private static String smsNotice(HookResult sms) {
        return switch (sms.outcome()) {
            case QUEUED, DUPLICATE -> "Você vai receber um SMS com a confirmação do pedido.";
            case REJECTED -> "Não conseguimos enviar SMS para o celular informado; acompanhe o pedido por aqui.";
            case SKIPPED -> null;
        };
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
