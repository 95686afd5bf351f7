package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.testing.Concurrently;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.RecordingGateway.Reply;
import dev.torpedo.sms.impl.testing.RecordingMetrics;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dispatcher makes of each kind of answer from the provider, and of a node that stops mid-send. */
class DispatcherOutcomeTest {

    abstract static class Contract extends DatabaseContract {

        static final Instant NOON = QueueRig.TUESDAY_NOON_SAO_PAULO;

        final StoreId store = StoreId.of("loja-1");
        final MobileNumber to = QueueRig.number(1);
        QueueRig rig;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, NOON);
            rig.give(store, 10);
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        private long due() {
            return rig.insertDue(store, to, QueueRig.BODY, rig.clock().instant());
        }

        @Test
        void theRowsAClaimTakesButDoesNotSendAreLeftAsTheyWereApartFromTheirNewState() {
            StoreId poor = StoreId.of("loja-2");
            rig.give(poor, 1);
            long paid = rig.insertDue(poor, QueueRig.number(2), QueueRig.BODY, NOON.minusSeconds(30));
            long unpaid = rig.insertDue(poor, QueueRig.number(3), QueueRig.BODY, NOON.minusSeconds(20));
            MobileNumber optedOut = QueueRig.number(4);
            rig.suppressions().suppress(optedOut, "SAIR");
            long suppressed = rig.insertDue(store, optedOut, QueueRig.BODY, NOON.minusSeconds(10));
            // Paid on an earlier claim and sent back by a closing window: its credits are refunded, once.
            long paidBefore = due();
            db.jdbc().update("UPDATE sms_message SET credits_debited = 1, attempts = 2 WHERE id = ?", paidBefore);
            rig.suppressions().suppress(to, "SAIR");

            assertThat(rig.dispatcher("node-1").drain()).isEqualTo(4);

            assertThat(rig.message(paid).status()).isEqualTo(MessageStatus.SENT);
            QueuedMessage waiting = rig.message(unpaid);
            assertThat(waiting.status()).isEqualTo(MessageStatus.WAITING_CREDIT);
            assertThat(waiting.attempts()).isZero();
            assertThat(waiting.creditsDebited()).isZero();
            QueuedMessage cancelled = rig.message(suppressed);
            assertThat(cancelled.status()).isEqualTo(MessageStatus.CANCELLED);
            assertThat(cancelled.attempts()).isZero();
            assertThat(cancelled.creditsDebited()).isZero();
            QueuedMessage refunded = rig.message(paidBefore);
            assertThat(refunded.status()).isEqualTo(MessageStatus.CANCELLED);
            assertThat(refunded.attempts()).isEqualTo(2);
            assertThat(refunded.creditsDebited()).isEqualTo(1);
            assertThat(rig.ledgerRows("REFUND", paidBefore)).isEqualTo(1);
            assertThat(db.count("sms_message", "lease_until IS NOT NULL")).isZero();
            assertThat(rig.ledger().balance(poor)).isZero();
            assertThat(rig.ledger().balance(store)).isEqualTo(11);
        }

        @Test
        void anAcceptedMessageIsSentOnceAsStoredAndPaidPerSegment() {
            String twoSegments = "Loja Exemplo: " + "seu pedido 1234 foi enviado e chega em breve. ".repeat(4)
                    + "Contato: 1133334444";
            long id = rig.insertDue(store, to, twoSegments, NOON.minusSeconds(90));
            Dispatcher dispatcher = rig.dispatcher("node-1");

            assertThat(dispatcher.drain()).isEqualTo(1);

            assertThat(rig.gateway().calls()).singleElement().isEqualTo(new OutboundSms(String.valueOf(id), store, to,
                    twoSegments, MessageEncoding.GSM_7, 2));
            QueuedMessage sent = rig.message(id);
            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.providerMessageId()).isEqualTo("prov-" + id);
            assertThat(sent.sentAt()).isEqualTo(NOON);
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.creditsDebited()).isEqualTo(2);
            assertThat(sent.reason()).isNull();
            assertThat(db.jdbc().queryForObject("SELECT gateway FROM sms_message WHERE id = ?", String.class, id))
                    .isEqualTo("recording");
            assertThat(rig.ledger().balance(store)).isEqualTo(8);
            assertThat(rig.metrics().sent()).containsExactly(
                    new RecordingMetrics.Sent(MessageKind.ORDER_CREATED, Duration.ofSeconds(90)));
        }

        @Test
        void aRowLeftSendingByAStoppedNodeBecomesUncertainAndIsNeverResent() throws Exception {
            long id = due();
            HeldAnswer held = holdAnswer(id);
            CountDownLatch withProvider = held.withProvider();
            CountDownLatch release = held.release();
            Dispatcher stuck = rig.dispatcher("node-a");
            Dispatcher other = rig.dispatcher("node-b");
            List<Throwable> errors = new ArrayList<>();
            Thread nodeA = new Thread(() -> {
                try {
                    stuck.runOnce();
                } catch (Throwable t) {
                    errors.add(t);
                }
            });
            nodeA.start();
            assertThat(withProvider.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENDING);

            rig.clock().advance(Duration.ofMinutes(2));
            assertThat(other.runOnce()).isZero();
            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENDING);   // the lease still holds

            rig.clock().advance(Duration.ofSeconds(1));
            assertThat(other.runOnce()).isZero();
            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.UNCERTAIN);
            assertThat(rig.message(id).reason()).isEqualTo("lease-expired");

            release.countDown();                      // node A comes back and reports: too late, the row is not its own
            nodeA.join(10_000);
            assertThat(nodeA.isAlive()).isFalse();
            assertThat(errors).isEmpty();
            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.UNCERTAIN);

            rig.clock().advance(Duration.ofHours(1));
            assertThat(other.drain()).isZero();
            assertThat(rig.gateway().callsFor(id)).isEqualTo(1);
            assertThat(rig.ledger().balance(store)).isEqualTo(9);      // no refund: it may have gone out
            assertThat(rig.metrics().failed()).containsExactly(
                    new RecordingMetrics.Failed(MessageKind.ORDER_CREATED, "lease-expired"));
        }

        @Test
        void aBatchWithOneRowNoLongerLeasedRecordsTheOthersAndLeavesThatOneAsItIs() throws Exception {
            long first = due();
            long lost = due();
            long third = due();
            HeldAnswer held = holdAnswer(lost);
            Dispatcher dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-a").withBatchesInFlight(1),
                    QueueRig.NO_JITTER);
            Thread node = new Thread(dispatcher::runOnce);
            node.start();
            assertThat(held.withProvider().await(10, TimeUnit.SECONDS)).isTrue();
            // Taken from this node while it sends, as a lease recovery would (the batch is recorded all at once,
            // so this row's SENT must not be written, and must not stop the others').
            db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN', reason = 'lease-expired' WHERE id = ?", lost);

            held.release().countDown();
            node.join(10_000);
            assertThat(node.isAlive()).isFalse();

            assertThat(rig.message(first).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(first).providerMessageId()).isEqualTo("prov-" + first);
            assertThat(rig.message(third).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(third).providerMessageId()).isEqualTo("prov-" + third);
            assertThat(rig.message(lost).status()).isEqualTo(MessageStatus.UNCERTAIN);
            assertThat(rig.message(lost).providerMessageId()).isNull();
            assertThat(rig.metrics().sent()).hasSize(2);
        }

        @Test
        void rowsTakenFromTheNodeWhileTheyAreSentKeepTheirStateWhicheverTransactionWritesTheOthers() {
            StoreId busy = StoreId.of("loja-3");
            rig.give(busy, 400);
            List<Long> ids = rig.insertDue(busy, 400);
            // Every tenth row is taken from this node while it is sent, as a lease recovery would. Its SENT must
            // not be written, whether a claim's transaction carries it or the recording thread's has it, and it
            // must not keep the other outcomes of that transaction from being written.
            List<Long> lost = ids.stream().filter(id -> id % 10 == 0).toList();
            for (long id : lost) {
                rig.gateway().when(id, sms -> {
                    db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN', reason = 'lease-expired'"
                            + " WHERE id = ?", id);
                    return Reply.accepted().answer(sms);
                });
            }
            Dispatcher dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-a").withConcurrency(8),
                    QueueRig.NO_JITTER);

            assertThat(dispatcher.drain()).isEqualTo(ids.size());

            assertThat(rig.countByStatus()).containsOnly(
                    Map.entry(MessageStatus.SENT, (long) (ids.size() - lost.size())),
                    Map.entry(MessageStatus.UNCERTAIN, (long) lost.size()));
            assertThat(db.count("sms_message", "status = 'UNCERTAIN' AND provider_message_id IS NULL"))
                    .isEqualTo(lost.size());
            assertThat(db.count("sms_message", "status = 'SENT' AND provider_message_id = CONCAT('prov-', id)"))
                    .isEqualTo(ids.size() - lost.size());
            assertThat(rig.gateway().messagesSentTwice()).isEmpty();
            assertThat(rig.debitedMessages(busy)).isEqualTo(ids.size());
            assertThat(rig.metrics().sent()).hasSize(ids.size() - lost.size());
        }

        @Test
        void aRetryableFailureWaitsLongerAfterEachAttemptAndHonoursRetryAfter() {
            long id = due();
            rig.gateway().when(id, Reply.retryable("503 from provider"), Reply.retryable("503 from provider"),
                    Reply.retryable("429 too many requests", Duration.ofMinutes(10)), Reply.retryable("503 again"),
                    Reply.accepted());
            Dispatcher dispatcher = rig.dispatcher("node-1");
            List<Duration> waits = new ArrayList<>();

            for (int attempt = 1; attempt <= 4; attempt++) {
                Instant attemptedAt = rig.clock().instant();
                assertThat(dispatcher.runOnce()).isEqualTo(1);
                QueuedMessage queued = rig.message(id);
                assertThat(queued.status()).isEqualTo(MessageStatus.QUEUED);
                assertThat(queued.attempts()).isEqualTo(attempt);
                assertThat(queued.creditsDebited()).isEqualTo(1);
                waits.add(Duration.between(attemptedAt, queued.notBefore()));
                rig.clock().advance(waits.get(waits.size() - 1).minusSeconds(1));
                assertThat(dispatcher.runOnce()).as("not due a second early").isZero();
                rig.clock().advance(Duration.ofSeconds(1));
            }
            assertThat(dispatcher.runOnce()).isEqualTo(1);

            // No jitter: half of 30 s doubled per attempt; the provider's 10 minutes beat the 60 s of attempt 3.
            assertThat(waits).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(10),
                    Duration.ofMinutes(2));
            assertThat(rig.message(id).reason()).isNull();
            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(id).attempts()).isEqualTo(5);
            assertThat(rig.gateway().callsFor(id)).isEqualTo(5);
            assertThat(rig.ledger().balance(store)).isEqualTo(9);           // paid once, on the first claim
        }

        @Test
        void aMessageStillFailingPastItsMaximumAgeFailsForGoodWithItsCreditsRefunded() {
            long id = due();
            rig.gateway().otherwise(Reply.retryable("503 from provider"));
            Dispatcher dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-1").withMaxAge(Duration.ofHours(1)),
                    QueueRig.NO_JITTER);
            dispatcher.runOnce();
            assertThat(rig.ledger().balance(store)).isEqualTo(9);

            rig.clock().advance(Duration.ofMinutes(59).plusSeconds(50));  // the next wait (30 s) would pass the hour
            dispatcher.runOnce();

            QueuedMessage failed = rig.message(id);
            assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(failed.reason()).isEqualTo("expired: 503 from provider");
            assertThat(rig.ledger().balance(store)).isEqualTo(10);
            assertThat(rig.ledgerSum(store)).isEqualTo(10);
            assertThat(rig.metrics().failed()).containsExactly(
                    new RecordingMetrics.Failed(MessageKind.ORDER_CREATED, "expired"));
            rig.clock().advance(Duration.ofHours(1));
            assertThat(dispatcher.drain()).isZero();
            assertThat(rig.gateway().callsFor(id)).isEqualTo(2);
        }

        @Test
        void aPermanentFailureFailsTheMessageAndRefundsItOnce() {
            long id = due();
            rig.gateway().when(id, Reply.permanent("invalid destination", "21211"));

            rig.dispatcher("node-1").drain();

            QueuedMessage failed = rig.message(id);
            assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(failed.reason()).isEqualTo("permanent: invalid destination [21211]");
            assertThat(rig.ledger().balance(store)).isEqualTo(10);
            List<Boolean> again = Concurrently.run(3, i -> () ->
                    db.tx().execute(s -> rig.ledger().refund(store, id, 1)));
            assertThat(again).containsOnly(false);
            assertThat(rig.ledger().balance(store)).isEqualTo(10);
            assertThat(rig.ledgerRows("REFUND", id)).isEqualTo(1);
            assertThat(rig.suppressions().isSuppressed(to)).isFalse();
            assertThat(rig.metrics().failed()).containsExactly(
                    new RecordingMetrics.Failed(MessageKind.ORDER_CREATED, "permanent"));
        }

        @Test
        void aNumberTheProviderKnowsOptedOutIsSuppressedAndItsOtherMessagesAreCancelledUnsent() {
            long first = due();
            rig.gateway().when(first, Reply.optedOut("recipient unsubscribed", "21610"));
            Dispatcher dispatcher = rig.dispatcher("node-1");
            dispatcher.drain();
            long second = due();

            dispatcher.drain();

            assertThat(rig.suppressions().isSuppressed(to)).isTrue();
            assertThat(rig.message(first).status()).isEqualTo(MessageStatus.FAILED);
            assertThat(rig.message(second).status()).isEqualTo(MessageStatus.CANCELLED);
            assertThat(rig.message(second).reason()).isEqualTo("suppressed");
            assertThat(rig.message(second).creditsDebited()).isZero();
            assertThat(rig.gateway().callsFor(second)).isZero();
            assertThat(rig.ledger().balance(store)).isEqualTo(10);
            assertThat(rig.metrics().failed()).extracting(RecordingMetrics.Failed::reason).containsExactly("opted-out");
        }

        @Test
        void aMessageWaitingForItsWindowWhenTheNumberOptsOutIsCancelledAndRefunded() {
            // A message that paid, then was held back because its window closed before its send started.
            long late = due();
            rig.ledger().debit(store, List.of(new CreditLedger.Debit(late, 1)));
            rig.db().jdbc().update("UPDATE sms_message SET credits_debited = 1, reason = 'window-closed' WHERE id = ?",
                    late);
            Dispatcher dispatcher = rig.dispatcher("node-1");
            rig.suppressions().suppress(to, "SAIR");

            rig.clock().set(Instant.parse("2026-03-11T12:00:00Z"));
            dispatcher.drain();

            assertThat(rig.message(late).status()).isEqualTo(MessageStatus.CANCELLED);
            assertThat(rig.gateway().callsFor(late)).isZero();
            assertThat(rig.ledger().balance(store)).isEqualTo(10);          // refunded
            assertThat(rig.ledgerRows("REFUND", late)).isEqualTo(1);
        }

        @Test
        void anAmbiguousAnswerOrAThrowingGatewayLeavesTheMessageUncertainUnrefundedAndUnsent() {
            long ambiguous = due();
            long thrown = rig.insertDue(store, QueueRig.number(2), QueueRig.BODY, NOON);
            rig.gateway()
                    .when(ambiguous, Reply.ambiguous("read timeout after the request was written"))
                    .when(thrown, Reply.throwing(new IllegalStateException("connection reset")));
            Dispatcher dispatcher = rig.dispatcher("node-1");

            dispatcher.drain();
            rig.clock().advance(Duration.ofHours(2));
            dispatcher.drain();

            assertThat(rig.message(ambiguous).status()).isEqualTo(MessageStatus.UNCERTAIN);
            assertThat(rig.message(ambiguous).reason()).isEqualTo("ambiguous: read timeout after the request was written");
            assertThat(rig.message(thrown).status()).isEqualTo(MessageStatus.UNCERTAIN);
            assertThat(rig.message(thrown).reason()).isEqualTo("gateway-error: java.lang.IllegalStateException");
            assertThat(rig.gateway().callsFor(ambiguous)).isEqualTo(1);
            assertThat(rig.gateway().callsFor(thrown)).isEqualTo(1);
            assertThat(rig.ledger().balance(store)).isEqualTo(8);
            assertThat(db.count("sms_credit_ledger", "kind = 'REFUND'")).isZero();
            assertThat(rig.metrics().failed()).extracting(RecordingMetrics.Failed::reason)
                    .containsExactlyInAnyOrder("ambiguous", "gateway-error");
        }

        @Test
        void aMessageToASuppressedNumberIsCancelledWithoutCharge() {
            rig.suppressions().suppress(to, "SAIR");
            long id = due();

            assertThat(rig.dispatcher("node-1").runOnce()).isEqualTo(1);

            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.CANCELLED);
            assertThat(rig.gateway().callCount()).isZero();
            assertThat(rig.ledger().balance(store)).isEqualTo(10);
        }

        @Test
        void aRowNoSmsCanBeMadeOfFailsVisiblyInsteadOfBlockingTheQueue() {
            long id = due();
            db.jdbc().update("UPDATE sms_message SET recipient = NULL WHERE id = ?", id);
            long fine = rig.insertDue(store, QueueRig.number(2), QueueRig.BODY, NOON);

            rig.dispatcher("node-1").drain();

            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.FAILED);
            assertThat(rig.message(id).reason()).isEqualTo("invalid-message");
            assertThat(rig.message(fine).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.ledger().balance(store)).isEqualTo(9);
        }

        @Test
        void withoutCreditAMessageWaitsAndIsNotSent() {
            StoreId broke = StoreId.of("loja-sem-credito");
            long id = rig.insertDue(broke, to, QueueRig.BODY, NOON);

            assertThat(rig.dispatcher("node-1").drain()).isEqualTo(1);

            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.WAITING_CREDIT);
            assertThat(rig.message(id).reason()).isEqualTo("no-credit");
            assertThat(rig.gateway().callCount()).isZero();
            assertThat(rig.ledger().balance(broke)).isZero();
        }

        @Test
        void aMessageReleasedByCreditIsDueFromItsReleaseAndGoesOutWithTheNextClaim() {
            StoreId broke = StoreId.of("loja-sem-credito");
            long waiting = rig.insertDue(broke, to, QueueRig.BODY, NOON.minus(Duration.ofHours(3)));
            long other = rig.insertDue(store, QueueRig.number(2), QueueRig.BODY, NOON);
            Dispatcher dispatcher = rig.dispatcher("node-1");
            assertThat(dispatcher.drain()).isEqualTo(2);
            assertThat(rig.message(waiting).status()).isEqualTo(MessageStatus.WAITING_CREDIT);

            rig.clock().advance(Duration.ofMinutes(5));
            rig.give(broke, 5);
            assertThat(rig.message(waiting).status()).as("released").isEqualTo(MessageStatus.QUEUED);
            assertThat(rig.message(waiting).notBefore()).isEqualTo(NOON.plus(Duration.ofMinutes(5)));

            assertThat(dispatcher.runOnce()).isEqualTo(1);
            assertThat(rig.message(waiting).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(other).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.ledger().balance(broke)).isEqualTo(4);
        }

        @Test
        void aRowDueBelowWhereClaimsBeginIsFoundByALookFromTheStartOfTheQueue() {
            long first = due();
            Dispatcher dispatcher = rig.dispatcher("node-1");
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            // Committed late, by a host transaction that began long ago: due below where claims now begin.
            long late = rig.insertDue(store, QueueRig.number(2), QueueRig.BODY, NOON.minus(Duration.ofHours(3)));

            if (db.dialect().locksInClaimOrder()) {
                assertThat(dispatcher.runOnce()).as("claims begin just below the last row found").isZero();
                assertThat(dispatcher.drain()).as("a drain looks from the start before it ends").isEqualTo(1);
            } else {
                assertThat(dispatcher.runOnce()).as("on H2 every claim looks from the start").isEqualTo(1);
            }

            assertThat(rig.message(first).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(late).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.gateway().callCount()).isEqualTo(2);
        }

        /** The gateway's answer for one message, held: {@code withProvider} opens when its send began. */
        private record HeldAnswer(CountDownLatch withProvider, CountDownLatch release) {
        }

        /** Makes the gateway wait, on {@code id}'s send, until the test releases it; then it accepts. */
        private HeldAnswer holdAnswer(long id) {
            HeldAnswer held = new HeldAnswer(new CountDownLatch(1), new CountDownLatch(1));
            rig.gateway().when(id, sms -> {
                held.withProvider().countDown();
                await(held.release());
                return Reply.accepted().answer(sms);
            });
            return held;
        }

        private static void await(CountDownLatch latch) {
            try {
                if (!latch.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariadb extends Contract {
        OnMariadb() {
            super(TestDatabase.MARIADB);
        }
    }
}
