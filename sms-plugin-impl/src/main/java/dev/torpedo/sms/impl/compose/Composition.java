package dev.torpedo.sms.impl.compose;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.encoding.EncodedText;

import java.util.Objects;

/** What the composer made of an event: a message to queue, a message that cannot be sent, or nothing to do. */
public sealed interface Composition {

    /** Machine-readable reasons, stable: they are stored with rejected messages and shown to the merchant. */
    String MODE_OFF = "mode-off";
    String ALERTS_PAUSED = "alerts-paused";
    String NOT_BACK_IN_STOCK = "not-back-in-stock";
    String STATUS_UNCHANGED = "status-unchanged";
    String STORE_NOT_CONFIGURED = "store-not-configured";
    String MESSAGE_TOO_LONG = "message-too-long";
    String UNKNOWN_TEMPLATE = "template-unknown";
    /** The host's order id breaks {@link dev.torpedo.sms.api.HostIds}' rule (empty, too long, several lines). */
    String ORDER_ID_INVALID = "order-id-invalid";
    /** The host's status code breaks {@link dev.torpedo.sms.api.HostIds}' rule. */
    String STATUS_CODE_INVALID = "status-code-invalid";
    /** The host's product or SKU id breaks {@link dev.torpedo.sms.api.HostIds}' rule. */
    String PRODUCT_ID_INVALID = "product-id-invalid";
    String VETOED = "vetoed";

    /**
     * A message ready to queue.
     *
     * @param idempotencyKey unique per store: the same event makes the same key, so it is queued once
     * @param approvalReference the approval of the template used, kept with the message
     * @param shortened whether values were cut to fit the segment limit
     */
    record Composed(StoreId storeId, String idempotencyKey, TemplateKey template, String approvalReference,
                    MobileNumber recipient, EncodedText text, boolean shortened) implements Composition {
        public Composed {
            Objects.requireNonNull(storeId, "store id");
            Objects.requireNonNull(idempotencyKey, "idempotency key");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A message the store should have sent but cannot: recorded with its reason so that the merchant sees it.
     *
     * @param reason a stable code such as {@code phone-landline} or {@value #MESSAGE_TOO_LONG}
     */
    record Rejected(StoreId storeId, String idempotencyKey, TemplateKey template, String reason) implements Composition {
    }

    /** Nothing to send, by design (the mode, a handler's veto): no message is recorded. */
    record Skipped(String reason) implements Composition {
    }
}
