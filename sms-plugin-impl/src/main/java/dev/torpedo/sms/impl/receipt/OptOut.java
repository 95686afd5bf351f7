package dev.torpedo.sms.impl.receipt;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.phone.PhoneParseResult;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Acts on shoppers' replies. A reply that is an opt-out keyword ({@link OptOutKeywords}) puts the number on the
 * suppression list (reason {@code reply:<KEYWORD>}), cancels its messages still waiting to go out (QUEUED or
 * WAITING_CREDIT become CANCELLED, {@code opted-out}, with the credits they had paid refunded) and its active
 * "Avise-me" subscriptions, in every store, all in one transaction. From then on the hook records the number's
 * messages as SKIPPED and the dispatcher cancels any it meets. Any other reply is logged, masked, and ignored.
 *
 * <p>A message already in a provider's hands (SENDING) cannot be called back: it goes out. Handling the same
 * reply twice changes nothing more (a replayed webhook).
 *
 * <pre>{@code
 * var optOut = new OptOut(jdbc, transactionManager, suppressions, subscriptions, ledger, clock);
 * optOut.handle(new InboundReply("zenvia", "5511912345678", "Sair", null));   // OPTED_OUT, keyword SAIR
 * }</pre>
 */
public final class OptOut {

    /** The reason of a queued message cancelled because its recipient opted out. */
    public static final String OPTED_OUT = "opted-out";
    /** The suppression reason of an opt-out by reply: {@code reply:SAIR}. */
    static final String REASON_PREFIX = "reply:";

    /** What a reply did. */
    public enum Outcome {
        /** The number is suppressed (now, or already was). */
        OPTED_OUT,
        /** Not an opt-out keyword: nothing changed. */
        NOT_A_KEYWORD,
        /** A keyword from a sender that is not a Brazilian mobile, which the plugin never messages: nothing changed. */
        NOT_A_MOBILE
    }

    /**
     * What one reply did.
     *
     * @param keyword the canonical keyword, empty for other replies
     */
    public record Result(Outcome outcome, Optional<String> keyword, int messagesCancelled, int creditsRefunded,
                         int subscriptionsCancelled) {

        static Result nothing(Outcome outcome, Optional<String> keyword) {
            return new Result(outcome, keyword, 0, 0, 0);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OptOut.class);

    private final JdbcOperations jdbc;
    private final Transactions transactions;
    private final SuppressionList suppressions;
    private final SubscriptionRepository subscriptions;
    private final CreditLedger ledger;
    private final Clock clock;
    private final PhoneNumberParser phones = new PhoneNumberParser();

    public OptOut(JdbcOperations jdbc, PlatformTransactionManager transactions, SuppressionList suppressions,
                  SubscriptionRepository subscriptions, CreditLedger ledger, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = new Transactions(transactions);
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Acts on one reply, in a transaction of its own. */
    public Result handle(InboundReply reply) {
        Objects.requireNonNull(reply, "reply");
        Optional<String> keyword = OptOutKeywords.match(reply.text());
        PhoneParseResult parsed = phones.parse(reply.from());
        String from = parsed.number().map(MobileNumber::masked).orElseGet(() -> Logs.maskedRaw(reply.from()));
        if (keyword.isEmpty()) {
            // Never the text: it is the shopper's own words.
            log.info("Reply from {} via {} is not an opt-out keyword: ignored", from, reply.gateway());
            return Result.nothing(Outcome.NOT_A_KEYWORD, keyword);
        }
        if (parsed.number().isEmpty()) {
            log.info("Opt-out reply {} via {} from {}, which is not a Brazilian mobile ({}): ignored", keyword.get(),
                    reply.gateway(), from, parsed.rejection().map(Enum::name).orElse("?"));
            return Result.nothing(Outcome.NOT_A_MOBILE, keyword);
        }
        MobileNumber number = parsed.number().get();
        Result result = transactions.run(status -> optOut(number, keyword.get()));
        log.info("Opt-out by reply {} via {} from {}: number suppressed, {} queued message(s) cancelled ({} credit(s)"
                        + " refunded), {} 'Avise-me' subscription(s) cancelled", keyword.get(), reply.gateway(), from,
                result.messagesCancelled(), result.creditsRefunded(), result.subscriptionsCancelled());
        return result;
    }

    /**
     * The shopper followed the link in an alert that stops them: the same as a reply SAIR, in a transaction of its
     * own, recorded as {@value #LINK_REASON}.
     */
    public Result unsubscribeByLink(MobileNumber number) {
        Objects.requireNonNull(number, "number");
        Result result = transactions.run(status -> optOut(number, LINK_KEYWORD, LINK_REASON, OPTED_OUT));
        log.info("Opt-out by link from {}: number suppressed, {} queued message(s) cancelled ({} credit(s) refunded),"
                        + " {} 'Avise-me' subscription(s) cancelled", number.masked(), result.messagesCancelled(),
                result.creditsRefunded(), result.subscriptionsCancelled());
        return result;
    }

    /** The suppression reason of an opt-out by the link in an alert. */
    public static final String LINK_REASON = "link:unsubscribe";
    private static final String LINK_KEYWORD = "LINK";

    /**
     * The first step of erasing a number at its owner's request: what SAIR does (suppressed, its waiting messages
     * cancelled as {@code erasedReason} with their credits refunded, its "Avise-me" signups cancelled), in a
     * transaction of its own. Erasing the number everywhere is the retention job's {@code forget}.
     */
    public Result cancelForErasure(MobileNumber number, String erasedReason) {
        Objects.requireNonNull(number, "number");
        return transactions.run(status -> optOut(number, ERASE_KEYWORD, erasedReason, erasedReason));
    }

    private static final String ERASE_KEYWORD = "ERASE";

    private Result optOut(MobileNumber number, String keyword) {
        return optOut(number, keyword, REASON_PREFIX + keyword, OPTED_OUT);
    }

    private Result optOut(MobileNumber number, String keyword, String suppressionReason, String messageReason) {
        suppressions.suppress(number, suppressionReason);

        // Every message row first, then the credit accounts in store order, as the dispatcher does: transactions
        // that take the same kinds of locks in the same order cannot deadlock each other.
        List<MessageRepository.Cancelled> cancelled = MessageRepository.cancelWaiting(jdbc, number, messageReason,
                clock.instant());
        int refunded = MessageRepository.Cancelled.refundInStoreOrder(ledger, cancelled);
        int subscriptionsCancelled = subscriptions.cancelAll(number);
        return new Result(Outcome.OPTED_OUT, Optional.of(keyword), cancelled.size(), refunded, subscriptionsCancelled);
    }
}
