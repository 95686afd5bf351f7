package dev.torpedo.sms.api.extension;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message about to be made from an approved template, as extension handlers see it. A handler may veto it,
 * send it to another number, or add variables for the template. The text itself cannot be changed: it comes
 * from the approved template, and variables are always data, never template code.
 *
 * <p>One draft belongs to one hook call on one thread; it is not shared.
 *
 * <pre>{@code
 * public ExtensionResultStatus prepareMessage(MessageDraft draft) {
 *     if (draft.event() instanceof OrderCreated order && order.total().signum() == 0) {
 *         draft.veto("free-sample-order");
 *         return ExtensionResultStatus.HANDLED_STOP;
 *     }
 *     return ExtensionResultStatus.NOT_HANDLED;
 * }
 * }</pre>
 */
public final class MessageDraft {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}");

    private final StoreId storeId;
    private final TemplateKey templateKey;
    private final Object event;
    private final Map<String, String> variables;
    private String recipient;
    private String vetoReason;

    /**
     * @param storeId     the store sending
     * @param templateKey the approved template chosen
     * @param event       the event the message is about ({@code OrderCreated}, {@code OrderStatusChanged},
     *                    {@code ProductRestocked}), or a description of a manual send
     * @param recipient   the recipient's mobile as typed, may be {@code null}
     * @param variables   the template's variables so far
     */
    public MessageDraft(StoreId storeId, TemplateKey templateKey, Object event, String recipient,
                        Map<String, String> variables) {
        this.storeId = Objects.requireNonNull(storeId, "store id");
        this.templateKey = Objects.requireNonNull(templateKey, "template key");
        this.event = Objects.requireNonNull(event, "event");
        this.recipient = recipient;
        this.variables = new LinkedHashMap<>(variables);
    }

    public StoreId storeId() {
        return storeId;
    }

    public TemplateKey templateKey() {
        return templateKey;
    }

    /** The event record the message is about; match it with {@code instanceof}. */
    public Object event() {
        return event;
    }

    /** The recipient's mobile as typed (it is parsed after the handlers ran); may be {@code null}. */
    public String recipient() {
        return recipient;
    }

    /** Sends the message to another mobile, in any spelling the plugin's phone parser accepts. */
    public void changeRecipient(String mobile) {
        this.recipient = mobile;
    }

    /** The template's variables, read-only. */
    public Map<String, String> variables() {
        return Collections.unmodifiableMap(variables);
    }

    /**
     * Adds or replaces a template variable. Names are letters and digits starting with a letter; the value is
     * printed as data (a {@code ${...}} in it prints literally).
     */
    public void putVariable(String name, String value) {
        if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A variable name is letters and digits starting with a letter: " + name);
        }
        variables.put(name, value == null ? "" : value);
    }

    /** Stops the message: it is not recorded for sending, and the hook reports it skipped with this reason. */
    public void veto(String reason) {
        this.vetoReason = reason == null || reason.isBlank() ? "vetoed" : reason;
    }

    public boolean isVetoed() {
        return vetoReason != null;
    }

    public Optional<String> vetoReason() {
        return Optional.ofNullable(vetoReason);
    }
}
