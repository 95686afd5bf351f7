package dev.torpedo.sms.storefront.webhook;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.util.Optional;

/**
 * The size a provider's callback may have. Zenvia's and Twilio's events are a few kilobytes; anything past
 * {@link #MAX_BYTES} is refused (413) before it is read whole, so that nobody can make a webhook hold megabytes.
 */
final class WebhookBodies {

    static final int MAX_BYTES = 64 * 1024;

    private WebhookBodies() {
    }

    /** 413 when the request says it is too large; empty when it may be read. */
    static Optional<ResponseEntity<String>> refuseDeclaredTooLarge(HttpServletRequest request) {
        return request.getContentLengthLong() > MAX_BYTES ? Optional.of(tooLarge()) : Optional.empty();
    }

    /** The body, at most {@link #MAX_BYTES}; empty when it is longer (sent without a length, or lying about it). */
    static Optional<byte[]> read(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
        return body.length > MAX_BYTES ? Optional.empty() : Optional.of(body);
    }

    static ResponseEntity<String> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.TEXT_PLAIN)
                .body("payload too large");
    }
}
