package dev.torpedo.sms.demo;

import dev.torpedo.sms.api.spi.ManagedStores;
import dev.torpedo.sms.demo.shop.Store;
import dev.torpedo.sms.demo.shop.Stores;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.security.Principal;

/**
 * Every page's frame knows who is signed in, for which store, and whether as the operator (another menu): the
 * request attribute {@value #ATTRIBUTE}, which the templates see ({@code spring.freemarker.expose-request-attributes}).
 * Set before any handler runs, so that it is there for the pages an exception handler renders too, such as the
 * plugin's refusals inside the admin frame: a controller advice's model attributes never reach those.
 */
@Configuration(proxyBeanMethods = false)
public class SignedInFrame implements WebMvcConfigurer {

    static final String ATTRIBUTE = "signedIn";

    /** Who is signed in, for the frame; a {@code null} name when nobody is, a {@code null} store for the operator. */
    public record SignedIn(String name, String storeName, boolean operator) {
    }

    private final ManagedStores managed;
    private final Stores stores;

    SignedInFrame(ManagedStores managed, Stores stores) {
        this.managed = managed;
        this.stores = stores;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // Pages only: a stylesheet or a script has no frame, and the store's name costs a query.
                if (handler instanceof HandlerMethod) {
                    request.setAttribute(ATTRIBUTE, signedIn(request.getUserPrincipal()));
                }
                return true;
            }
        });
    }

    SignedIn signedIn(Principal user) {
        if (!(user instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return new SignedIn(null, null, false);
        }
        String storeName = managed.storeManagedBy(user).flatMap(store -> stores.find(store.value()))
                .map(Store::name).orElse(null);
        return new SignedIn(user.getName(), storeName, DemoSecurity.hasRole(user, DemoSecurity.OPERATOR));
    }
}
