package dev.torpedo.sms.api.extension;

import dev.torpedo.sms.api.OrderStatusChanged;
import dev.torpedo.sms.api.TemplateKey;

/**
 * Lets a host developer take part in making each message, Broadleaf style: register a handler with the
 * {@link SmsExtensionManager} and override the methods you need. Handlers run in ascending
 * {@link #getPriority() priority}; disabled ones are passed over.
 *
 * <pre>{@code
 * @Component
 * class VipRecipient implements SmsExtensionHandler {
 *     VipRecipient(SmsExtensionManager manager) { manager.register(this); }
 *
 *     public ExtensionResultStatus prepareMessage(MessageDraft draft) {
 *         draft.putVariable("couponCode", "VOLTE10");
 *         return ExtensionResultStatus.HANDLED_CONTINUE;
 *     }
 * }
 * }</pre>
 */
public interface SmsExtensionHandler {

    /** Lower runs first. Handlers of equal priority run in the order they were registered. */
    default int getPriority() {
        return 0;
    }

    /** A disabled handler is not called. */
    default boolean isEnabled() {
        return true;
    }

    /**
     * Chooses the approved template for a host status code, before the plugin's own mapping is asked.
     * Set the template on {@code result} and return a handled status to decide.
     */
    default ExtensionResultStatus mapStatusTemplate(OrderStatusChanged event, ExtensionResultHolder<TemplateKey> result) {
        return ExtensionResultStatus.NOT_HANDLED;
    }

    /** Sees the message before it is made: veto it, change its recipient or add template variables. */
    default ExtensionResultStatus prepareMessage(MessageDraft draft) {
        return ExtensionResultStatus.NOT_HANDLED;
    }
}
