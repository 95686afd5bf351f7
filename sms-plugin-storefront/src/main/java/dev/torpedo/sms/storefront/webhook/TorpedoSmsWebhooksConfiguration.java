package dev.torpedo.sms.storefront.webhook;

import dev.torpedo.sms.impl.receipt.DeliveryReceipts;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.receipt.TwilioWebhooks;
import dev.torpedo.sms.impl.receipt.ZenviaWebhooks;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;


/**
 * The providers' webhook endpoints, for a host that already imports the plugin's configuration:
 *
 * <pre>{@code
 * @Configuration
 * @Import({TorpedoSmsConfiguration.class, TorpedoSmsWebhooksConfiguration.class})
 * class SmsConfig { }
 * }</pre>
 *
 * <p>The controllers use the plugin's {@link ZenviaWebhooks} and {@link TwilioWebhooks} beans when there are some,
 * and otherwise build them on the engine's {@link DeliveryReceipts} and {@link OptOut} (a host's own when it
 * declares them). Properties: {@value #ZENVIA_SECRET} (the value of
 * the header Zenvia's subscriptions send), {@value #TWILIO_AUTH_TOKEN} (the Twilio account's auth token) and
 * {@value #PUBLIC_BASE_URL} (the base of the URL Twilio calls, when the request's own differs). Without a secret
 * or token that provider's requests are refused (403), with a warning at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class TorpedoSmsWebhooksConfiguration {

    public static final String ZENVIA_SECRET = "torpedo.sms.zenvia.webhook-secret";
    public static final String TWILIO_AUTH_TOKEN = "torpedo.sms.twilio.auth-token";
    public static final String PUBLIC_BASE_URL = "torpedo.sms.public-base-url";

    @Bean
    public ZenviaWebhookController torpedoSmsZenviaWebhookController(BeanFactory beans, Environment environment) {
        Parts parts = new Parts(beans);
        return new ZenviaWebhookController(beans.getBeanProvider(ZenviaWebhooks.class).getIfAvailable(() ->
                new ZenviaWebhooks(environment.getProperty(ZENVIA_SECRET), parts.receipts(), parts.optOut())));
    }

    @Bean
    public TwilioWebhookController torpedoSmsTwilioWebhookController(BeanFactory beans, Environment environment) {
        Parts parts = new Parts(beans);
        return new TwilioWebhookController(beans.getBeanProvider(TwilioWebhooks.class).getIfAvailable(() ->
                new TwilioWebhooks(environment.getProperty(TWILIO_AUTH_TOKEN), parts.receipts(), parts.optOut())),
                environment.getProperty(PUBLIC_BASE_URL));
    }

    /** The receipts and opt-out logic: the engine's beans, or a host's own when it declares them. */
    private record Parts(BeanFactory beans) {

        DeliveryReceipts receipts() {
            return beans.getBean(DeliveryReceipts.class);
        }

        OptOut optOut() {
            return beans.getBean(OptOut.class);
        }
    }
}
