package dev.torpedo.sms.impl.receipt;

import java.util.Objects;

/**
 * What a webhook endpoint answers the provider: a status code and a short body. The body never explains more
 * than the status does, so that a forged request learns nothing.
 *
 * <pre>{@code
 * WebhookResponse response = zenvia.handle(request::getHeader, body);
 * servletResponse.setStatus(response.status());
 * }</pre>
 */
public record WebhookResponse(int status, String contentType, String body) {

    static final String TEXT = "text/plain;charset=UTF-8";
    /** Empty TwiML: Twilio sends no reply to the shopper. */
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public WebhookResponse {
        Objects.requireNonNull(contentType, "content type");
        Objects.requireNonNull(body, "body");
    }

    static WebhookResponse ok() {
        return new WebhookResponse(200, TEXT, "ok");
    }

    static WebhookResponse emptyTwiml() {
        return new WebhookResponse(200, "text/xml;charset=UTF-8", EMPTY_TWIML);
    }

    static WebhookResponse badRequest() {
        return new WebhookResponse(400, TEXT, "bad request");
    }

    static WebhookResponse unauthorized() {
        return new WebhookResponse(401, TEXT, "unauthorized");
    }

    static WebhookResponse forbidden() {
        return new WebhookResponse(403, TEXT, "forbidden");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
