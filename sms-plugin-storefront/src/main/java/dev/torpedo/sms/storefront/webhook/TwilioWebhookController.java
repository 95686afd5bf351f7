package dev.torpedo.sms.storefront.webhook;

import dev.torpedo.sms.impl.receipt.TwilioWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Twilio's webhooks: {@code POST /torpedo/sms/webhooks/twilio/status} (each message's status callback) and
 * {@code POST /torpedo/sms/webhooks/twilio/inbound} (the number's incoming SMS). All the work is
 * {@link TwilioWebhooks}'s; this adapts the servlet request and rebuilds the URL Twilio signed.
 *
 * <p>Twilio signs the public URL it called. Behind a proxy or a load balancer the request's own URL may differ
 * (http inside, https outside; another host name): set {@code torpedo.sms.public-base-url}, such as
 * {@code https://loja.example.com}, and the URL checked is that base, then the request's path (context path
 * included) and query string.
 *
 * <pre>{@code
 * new TwilioWebhookController(webhooks, "https://loja.example.com");
 * }</pre>
 */
@RestController
public class TwilioWebhookController {

    public static final String STATUS_PATH = "/torpedo/sms/webhooks/twilio/status";
    public static final String INBOUND_PATH = "/torpedo/sms/webhooks/twilio/inbound";

    private final TwilioWebhooks webhooks;
    private final String publicBaseUrl;

    /** @param publicBaseUrl the scheme, host and any path prefix Twilio calls; {@code null} to use the request's */
    public TwilioWebhookController(TwilioWebhooks webhooks, String publicBaseUrl) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.strip().replaceAll("/+$", "");
    }

    /**
     * 200 when handled or ignored, 400 without MessageSid or MessageStatus, 403 without a valid signature, 413 for
     * a body over {@link WebhookBodies#MAX_BYTES} (the container bounds a form sent without a length).
     */
    @PostMapping(STATUS_PATH)
    public ResponseEntity<String> status(HttpServletRequest request) {
        Optional<ResponseEntity<String>> refused = WebhookBodies.refuseDeclaredTooLarge(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Map<String, List<String>> params = postParameters(request);
        return WebhookResponses.of(webhooks.statusCallback(publicUrl(request), params,
                request.getHeader(TwilioWebhooks.SIGNATURE_HEADER)));
    }

    /** 200 with empty TwiML (no reply to the shopper), 400 without From, 403 without a valid signature. */
    @PostMapping(INBOUND_PATH)
    public ResponseEntity<String> inbound(HttpServletRequest request) {
        Optional<ResponseEntity<String>> refused = WebhookBodies.refuseDeclaredTooLarge(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Map<String, List<String>> params = postParameters(request);
        return WebhookResponses.of(webhooks.inbound(publicUrl(request), params, request.getHeader(TwilioWebhooks.SIGNATURE_HEADER)));
    }

    /** The URL Twilio called, as it signed it. */
    String publicUrl(HttpServletRequest request) {
        String url = publicBaseUrl != null ? publicBaseUrl + request.getRequestURI()
                : request.getRequestURL().toString();
        String query = request.getQueryString();
        return query == null ? url : url + "?" + query;
    }

    private static Map<String, List<String>> postParameters(HttpServletRequest request) {
        if (request.getCharacterEncoding() == null) {
            // Twilio sends UTF-8; a servlet would otherwise read the form as ISO-8859-1, and an accented reply
            // would both read wrong and fail its signature. Too late if a filter read the parameters already.
            try {
                request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is part of every Java runtime", e);
            }
        }
        return FormParameters.bodyOnly(request.getParameterMap(), request.getQueryString());
    }
}
