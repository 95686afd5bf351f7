package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.api.StoreId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Remembers, in the shopper's browser, which products they asked about, so that the page says "Você já está
 * inscrito" instead of asking again. It holds short digests of store and product, never the number; forging it
 * only hides the form from oneself.
 */
public final class AlertCookie {

    static final String NAME = "torpedo_avise_me";
    private static final int MAX_PRODUCTS = 20;

    private AlertCookie() {
    }

    /** Whether this browser asked about the product. */
    public static boolean asked(HttpServletRequest request, StoreId store, String productId) {
        return read(request).contains(digest(store, productId));
    }

    static void remember(HttpServletRequest request, HttpServletResponse response, StoreId store, String productId) {
        Set<String> products = new LinkedHashSet<>(read(request));
        products.add(digest(store, productId));
        while (products.size() > MAX_PRODUCTS) {
            products.remove(products.iterator().next());
        }
        Cookie cookie = new Cookie(NAME, String.join(".", products));
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge((int) AlertSignupService.DEFAULT_EXPIRY.toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    private static Set<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Set.of();
        }
        return Arrays.stream(cookies).filter(c -> NAME.equals(c.getName())).findFirst()
                .<Set<String>>map(c -> new LinkedHashSet<>(Arrays.asList(c.getValue().split("\\."))))
                .orElse(Set.of());
    }

    private static String digest(StoreId store, String productId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((store.value() + "/" + productId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
