package dev.torpedo.sms.impl.retention;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.receipt.OptOut;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Remover meus dados": erases a number from every table of the plugin at its owner's request, once they proved
 * it is theirs. Its waiting messages are cancelled and their credits go back to their stores; its "Avise-me"
 * signups end; every message, signup and sandbox row loses the number; and it stays suppressed by its digest
 * alone, so that it is never messaged again and no table holds it.
 *
 * <pre>{@code
 * DataRemoval.Removed removed = removal.remove(MobileNumber.of("+5511912345678"));
 * }</pre>
 */
public final class DataRemoval {

    private static final Logger log = LoggerFactory.getLogger(DataRemoval.class);

    private final OptOut optOut;
    private final RetentionJob retention;

    public DataRemoval(OptOut optOut, RetentionJob retention) {
        this.optOut = Objects.requireNonNull(optOut, "opt-out");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** What a removal did, for the shopper's page and the log. */
    public record Removed(int messagesCancelled, int creditsRefunded, int subscriptionsCancelled, int rowsErased) {
    }

    /** Safe to run again: a second removal of the same number finds nothing left. */
    public Removed remove(MobileNumber number) {
        OptOut.Result cancelled = optOut.cancelForErasure(number, RetentionJob.ERASED_ON_REQUEST);
        int erased = retention.forget(number);
        log.info("Removed {} on request: {} waiting message(s) cancelled, {} credit(s) refunded, {} signup(s)"
                        + " cancelled, {} row(s) erased", number.masked(), cancelled.messagesCancelled(),
                cancelled.creditsRefunded(), cancelled.subscriptionsCancelled(), erased);
        return new Removed(cancelled.messagesCancelled(), cancelled.creditsRefunded(),
                cancelled.subscriptionsCancelled(), erased);
    }
}
