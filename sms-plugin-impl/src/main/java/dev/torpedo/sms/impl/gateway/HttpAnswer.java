package dev.torpedo.sms.impl.gateway;

/**
 * A provider's HTTP answer, as a gateway reads it.
 *
 * <pre>{@code
 * if (answer.isSuccess()) return accepted(answer.body());
 * return ProviderHttp.byStatus("zenvia", answer, clock, code, detail);
 * }</pre>
 *
 * @param status     the HTTP status
 * @param body       the body (its first 64 KiB), or {@code null} when it could not be read to the end
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 */
public record HttpAnswer(int status, String body, String retryAfter) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Leaves the body out: it may echo the recipient's number or the text. */
    @Override
    public String toString() {
        return "HttpAnswer[" + status + (body == null ? ", body unread" : ", " + body.length() + " chars") + "]";
    }
}
