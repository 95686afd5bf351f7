package dev.torpedo.sms.storefront.webhook;

import dev.torpedo.sms.impl.receipt.WebhookResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The impl's framework-neutral answers as Spring MVC responses. */
final class WebhookResponses {

    private WebhookResponses() {
    }

    static ResponseEntity<String> of(WebhookResponse response) {
        return ResponseEntity.status(response.status())
                .contentType(MediaType.parseMediaType(response.contentType()))
                .body(response.body());
    }
}
