package dev.torpedo.sms.demo;

import dev.torpedo.sms.admin.TorpedoSmsAdminConfiguration;
import dev.torpedo.sms.storefront.alert.TorpedoSmsAlertsConfiguration;
import dev.torpedo.sms.storefront.webhook.TorpedoSmsWebhooksConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The reference host: two stores on an embedded H2 file database, with the plugin added as a jar (the engine
 * configures itself; the admin and the storefront parts are imported), the sandbox gateway, and a phone that shows
 * what the sandbox "sent". Open http://localhost:8080.
 */
@SpringBootApplication
@Import({TorpedoSmsAdminConfiguration.class, TorpedoSmsAlertsConfiguration.class, TorpedoSmsWebhooksConfiguration.class})
public class TorpedoDemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(TorpedoDemoApplication.class, args);
    }
}
