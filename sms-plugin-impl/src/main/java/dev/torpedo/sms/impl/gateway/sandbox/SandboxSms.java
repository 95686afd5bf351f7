package dev.torpedo.sms.impl.gateway.sandbox;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;

import java.time.Instant;

/**
 * One message the sandbox gateway "sent", as the demo's phone inbox shows it.
 *
 * @param id        the outbox row's id; the provider id the gateway answered is {@code "sandbox-" + id}
 * @param messageId the plugin's id of the message
 * @param at        when the gateway took it
 */
public record SandboxSms(long id, String messageId, StoreId storeId, MobileNumber to, String body, int segments,
                         Instant at) {

    /** Leaves the text out: it is personal data. The number prints masked. */
    @Override
    public String toString() {
        return "SandboxSms[" + id + " to " + to + ", " + segments + " segment(s) at " + at + "]";
    }
}
