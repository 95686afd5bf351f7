package dev.torpedo.sms.demo;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.AbstractTemplateView;

import java.util.List;

/**
 * A page that fails while it renders still gets the demo's error page, never Tomcat's. A FreeMarker view leaves its
 * model behind as request attributes, the bind macro helper among them; the error page, rendered next in the same
 * request with the request's attributes exposed ({@code spring.freemarker.expose-request-attributes}), would meet
 * that helper again and fail itself. So on the error dispatch the helper goes, and so do the names of the error
 * page's own model, which a failed page's leftovers must not stand in for.
 */
@Configuration(proxyBeanMethods = false)
public class FailedViewLeftovers implements WebMvcConfigurer {

    private static final List<String> LEFTOVERS = List.of(AbstractTemplateView.SPRING_MACRO_REQUEST_CONTEXT_ATTRIBUTE,
            "status", "error", "path", "timestamp", "message");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getDispatcherType() == DispatcherType.ERROR) {
                    LEFTOVERS.forEach(request::removeAttribute);
                }
                return true;
            }
        }).order(Ordered.HIGHEST_PRECEDENCE);
    }
}
