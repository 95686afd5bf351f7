package dev.torpedo.sms.storefront.webhook;

import dev.torpedo.sms.impl.receipt.ZenviaWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Zenvia's webhook: {@code POST /torpedo/sms/webhooks/zenvia}, for both the MESSAGE_STATUS and the MESSAGE
 * subscriptions, each created with the header {@code X-Torpedo-Webhook-Secret}. All the work is
 * {@link ZenviaWebhooks}'s; this only adapts the servlet request.
 *
 * <pre>{@code
 * @Bean ZenviaWebhookController zenvia(ZenviaWebhooks webhooks) { return new ZenviaWebhookController(webhooks); }
 * }</pre>
 */
@RestController
public class ZenviaWebhookController {

    public static final String PATH = "/torpedo/sms/webhooks/zenvia";

    private final ZenviaWebhooks webhooks;

    public ZenviaWebhookController(ZenviaWebhooks webhooks) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    }

    /**
     * 200 when handled or ignored, 400 for a body that is not an event, 401 without the right secret, 413 for a
     * body over {@link WebhookBodies#MAX_BYTES}.
     */
    @PostMapping(PATH)
    public ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        Optional<ResponseEntity<String>> refused = WebhookBodies.refuseDeclaredTooLarge(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<byte[]> body = WebhookBodies.read(request);
        if (body.isEmpty()) {
            return WebhookBodies.tooLarge();
        }
        // Raw bytes, decoded as UTF-8 (JSON's only encoding), so that no missing charset garbles an accent.
        return WebhookResponses.of(webhooks.handle(request::getHeader,
                body.get().length == 0 ? null : new String(body.get(), StandardCharsets.UTF_8)));
    }
}
