package dev.torpedo.sms.impl.receipt;

import java.util.Objects;

/**
 * A shopper's reply to one of the plugin's messages, as a provider's webhook delivered it.
 *
 * <pre>{@code
 * optOut.handle(new InboundReply("twilio", "+5511912345678", "SAIR", "SM0123..."));
 * }</pre>
 *
 * @param gateway           the provider that received it
 * @param from              the sender's number as the provider wrote it ({@code +5511912345678}, {@code 5511912345678})
 * @param text              what the shopper wrote; may be empty
 * @param providerMessageId the provider's id of the reply; may be {@code null}
 */
public record InboundReply(String gateway, String from, String text, String providerMessageId) {

    public InboundReply {
        Objects.requireNonNull(gateway, "gateway");
        text = text == null ? "" : text;
    }

    /** Without the number and the text: both are the shopper's personal data and must not reach a log. */
    @Override
    public String toString() {
        return "InboundReply[" + gateway + ", " + providerMessageId + "]";
    }
}
