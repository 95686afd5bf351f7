package dev.torpedo.sms.api.extension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Holds the registered {@link SmsExtensionHandler}s and runs them, Broadleaf style: in ascending priority,
 * enabled ones only. {@link ExtensionResultStatus#HANDLED_STOP} ends the run; so does
 * {@link ExtensionResultStatus#HANDLED} unless the manager continues on handled;
 * {@link ExtensionResultStatus#HANDLED_CONTINUE} always goes on.
 *
 * <p>Registration is thread-safe and may happen while messages are being made: a run sees the handlers
 * registered when it started.
 *
 * <pre>{@code
 * SmsExtensionManager manager = new SmsExtensionManager();
 * manager.register(new VipRecipient());
 * ExtensionResultStatus status = manager.execute(handler -> handler.prepareMessage(draft));
 * }</pre>
 */
public final class SmsExtensionManager {

    private static final Comparator<SmsExtensionHandler> BY_PRIORITY =
            Comparator.comparingInt(SmsExtensionHandler::getPriority);

    private final boolean continueOnHandled;
    private volatile List<SmsExtensionHandler> handlers = List.of();

    /** A manager on which {@link ExtensionResultStatus#HANDLED} stops the run, as in Broadleaf. */
    public SmsExtensionManager() {
        this(false);
    }

    /** @param continueOnHandled whether {@link ExtensionResultStatus#HANDLED} lets the next handlers run */
    public SmsExtensionManager(boolean continueOnHandled) {
        this.continueOnHandled = continueOnHandled;
    }

    public synchronized void register(SmsExtensionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        List<SmsExtensionHandler> next = new ArrayList<>(handlers);
        next.add(handler);
        next.sort(BY_PRIORITY); // stable: equal priorities keep registration order
        handlers = List.copyOf(next);
    }

    public synchronized boolean unregister(SmsExtensionHandler handler) {
        List<SmsExtensionHandler> next = new ArrayList<>(handlers);
        boolean removed = next.remove(handler);
        handlers = List.copyOf(next);
        return removed;
    }

    /** The registered handlers in the order they run. */
    public List<SmsExtensionHandler> handlers() {
        return handlers;
    }

    /**
     * Calls each enabled handler in order until one stops the run.
     *
     * @return {@link ExtensionResultStatus#HANDLED_STOP} if a handler stopped the run,
     *         {@link ExtensionResultStatus#HANDLED} if any handler acted, {@link ExtensionResultStatus#NOT_HANDLED}
     *         otherwise
     */
    public ExtensionResultStatus execute(Function<SmsExtensionHandler, ExtensionResultStatus> call) {
        boolean handled = false;
        for (SmsExtensionHandler handler : handlers) {
            if (!handler.isEnabled()) {
                continue;
            }
            ExtensionResultStatus status = Objects.requireNonNullElse(call.apply(handler), ExtensionResultStatus.NOT_HANDLED);
            switch (status) {
                case HANDLED_STOP:
                    return ExtensionResultStatus.HANDLED_STOP;
                case HANDLED:
                    if (!continueOnHandled) {
                        return ExtensionResultStatus.HANDLED;
                    }
                    handled = true;
                    break;
                case HANDLED_CONTINUE:
                    handled = true;
                    break;
                default:
                    break;
            }
        }
        return handled ? ExtensionResultStatus.HANDLED : ExtensionResultStatus.NOT_HANDLED;
    }
}
