package dev.torpedo.sms.impl.testing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.view.freemarker.FreeMarkerConfigurer;
import org.springframework.web.servlet.view.freemarker.FreeMarkerViewResolver;

/**
 * FreeMarker views as a host's Spring MVC has them (Spring Boot's defaults: {@code classpath:/templates/}, the
 * {@code .ftlh} suffix, UTF-8), plus {@code classpath:/host-templates/} for a test host's own pages. Import it into
 * the MVC context of a test that renders the plugin's pages.
 */
@Configuration(proxyBeanMethods = false)
public class FreeMarkerPages {

    @Bean
    FreeMarkerConfigurer freeMarkerConfigurer() {
        FreeMarkerConfigurer configurer = new FreeMarkerConfigurer();
        configurer.setTemplateLoaderPaths("classpath:/templates/", "classpath:/host-templates/");
        configurer.setDefaultEncoding("UTF-8");
        return configurer;
    }

    @Bean
    FreeMarkerViewResolver freeMarkerViewResolver() {
        FreeMarkerViewResolver resolver = new FreeMarkerViewResolver("", ".ftlh");
        resolver.setContentType("text/html;charset=UTF-8");
        return resolver;
    }
}
