package dev.torpedo.sms.api.spi;

/**
 * Sends one message through an SMS provider. The plugin's dispatcher calls it outside any database
 * transaction, from several threads at once, and acts on the {@link SendResult}: an implementation reports
 * what happened and never throws for a provider's answer.
 *
 * <p>The plugin ships Zenvia, Twilio, a signed-webhook gateway and a sandbox; a host may declare its own
 * bean of this type instead.
 *
 * <pre>{@code
 * class MyProvider implements SmsGateway {
 *     public SendResult send(OutboundSms sms) {
 *         Response r = client.post(sms.to().e164(), sms.text(), sms.messageId());
 *         if (r.ok()) return SendResult.accepted(r.id());
 *         if (r.status() == 429) return SendResult.retryable("rate limited", r.retryAfter());
 *         return SendResult.permanent("provider said " + r.status(), String.valueOf(r.status()));
 *     }
 * }
 * }</pre>
 */
public interface SmsGateway {

    /** Hands the message to the provider and says how that went. Must be thread-safe. */
    SendResult send(OutboundSms sms);

    /** A short name for logs, meters and the merchant's message list, such as {@code zenvia}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * How the provider counts and cuts messages: the plugin encodes and charges by it, so that a store pays the
     * parts the provider bills. GSM 03.38 unless the provider says otherwise.
     */
    default SmsProfile profile() {
        return SmsProfile.GSM_03_38;
    }
}
