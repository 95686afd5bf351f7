package dev.torpedo.sms.impl.receipt;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueuedMessage;
import dev.torpedo.sms.impl.receipt.DeliveryReceipts.Outcome;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.LogCapture;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.ReceiptRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.torpedo.sms.impl.testing.ReceiptRig.STORE;
import static org.assertj.core.api.Assertions.assertThat;

/** Receipts move a message up its rank only, once, whatever order they come in. */
class DeliveryReceiptsTest {

    abstract static class Contract extends DatabaseContract {

        static final MobileNumber TO = QueueRig.number(7);
        static final String GATEWAY = "zenvia";

        ReceiptRig rig;
        DeliveryReceipts receipts;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new ReceiptRig(db);
            receipts = rig.receipts();
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        Receipt receipt(String providerId, ReceiptStatus status, String code) {
            return new Receipt(GATEWAY, providerId, status, code, null);
        }

        QueuedMessage message(long id) {
            return rig.queue().message(id);
        }

        Instant deliveredAt(long id) {
            return db.jdbc().queryForObject("SELECT delivered_at FROM sms_message WHERE id = ?",
                    (rs, n) -> DbTime.fromDb(rs, "delivered_at"), id);
        }

        @Test
        void aDeliveredReceiptMovesASentMessageToDeliveredAtTheProvidersTime() {
            long id = rig.sent(TO, GATEWAY, "zen-1");
            Instant delivered = rig.clock().instant().plusSeconds(4);
            rig.clock().advance(Duration.ofSeconds(10));

            Outcome outcome = receipts.apply(new Receipt(GATEWAY, "zen-1", ReceiptStatus.DELIVERED, "DELIVERED", delivered));

            assertThat(outcome).isEqualTo(Outcome.APPLIED);
            assertThat(message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(message(id).reason()).isNull();
            assertThat(deliveredAt(id)).isEqualTo(delivered);
            assertThat(message(id).sentAt()).isEqualTo(QueueRig.TUESDAY_NOON_SAO_PAULO);
        }

        @Test
        void aReceiptWithoutATimeIsDeliveredNow() {
            long id = rig.sent(TO, GATEWAY, "zen-1");
            Instant now = rig.clock().advance(Duration.ofSeconds(3));

            receipts.apply(receipt("zen-1", ReceiptStatus.DELIVERED, "delivered"));

            assertThat(deliveredAt(id)).isEqualTo(now);
        }

        @Test
        void aLateSentReceiptNeverOverwritesDelivered() {
            long id = rig.sent(TO, GATEWAY, "zen-1");
            receipts.apply(receipt("zen-1", ReceiptStatus.DELIVERED, "DELIVERED"));
            var before = rig.snapshot();
            rig.clock().advance(Duration.ofMinutes(1));

            assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.SENT, "SENT"))).isEqualTo(Outcome.UNCHANGED);

            assertThat(message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void aFailureReportAfterDeliveredIsIgnored() {
            long id = rig.sent(TO, GATEWAY, "zen-1");
            receipts.apply(receipt("zen-1", ReceiptStatus.DELIVERED, "DELIVERED"));
            var before = rig.snapshot();

            assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.UNDELIVERED, "NOT_DELIVERED"))).isEqualTo(Outcome.UNCHANGED);
            assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.NOT_SENT, "30007"))).isEqualTo(Outcome.UNCHANGED);

            assertThat(message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void aSentReceiptForASentMessageChangesNothing() {
            rig.sent(TO, GATEWAY, "zen-1");
            var before = rig.snapshot();
            rig.clock().advance(Duration.ofSeconds(1));

            assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.SENT, "SENT"))).isEqualTo(Outcome.UNCHANGED);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void undeliveredAfterSentFailsTheMessageAndKeepsItsCreditsBecauseTheProviderBilledIt() {
            long id = rig.sent(TO, GATEWAY, "zen-1");
            int balance = rig.queue().ledger().balance(STORE);

            try (var logs = LogCapture.start()) {
                assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.UNDELIVERED, "30005"))).isEqualTo(Outcome.APPLIED);

                assertThat(logs.lines()).anyMatch(line -> line.contains("Message " + id + " to +55 11 9****-0007 FAILED")
                        && line.contains("undelivered: 30005") && line.contains("credits kept"));
            }
            assertThat(message(id).status()).isEqualTo(MessageStatus.FAILED);
            assertThat(message(id).reason()).isEqualTo("undelivered: 30005");
            assertThat(rig.queue().ledger().balance(STORE)).isEqualTo(balance);
            assertThat(rig.queue().ledgerRows("REFUND", id)).isZero();
        }

        @Test
        void aMessageTheProviderNeverPassedOnFailsAndIsRefundedOnceHoweverOftenItIsReported() {
            long id = rig.sent(TO, GATEWAY, "SM-1");
            int balance = rig.queue().ledger().balance(STORE);

            assertThat(receipts.apply(receipt("SM-1", ReceiptStatus.NOT_SENT, "30007"))).isEqualTo(Outcome.APPLIED);
            assertThat(receipts.apply(receipt("SM-1", ReceiptStatus.NOT_SENT, "30007"))).isEqualTo(Outcome.UNCHANGED);

            assertThat(message(id).status()).isEqualTo(MessageStatus.FAILED);
            assertThat(message(id).reason()).isEqualTo("undelivered: 30007");
            assertThat(rig.queue().ledger().balance(STORE)).isEqualTo(balance + 1);
            assertThat(rig.queue().ledgerRows("REFUND", id)).isEqualTo(1);
            assertThat(rig.queue().ledgerSum(STORE)).isEqualTo(rig.queue().ledger().balance(STORE));
        }

        @Test
        void aFailureWithoutACodeNamesTheStatus() {
            long id = rig.sent(TO, GATEWAY, "zen-1");

            receipts.apply(receipt("zen-1", ReceiptStatus.UNDELIVERED, null));

            assertThat(message(id).reason()).isEqualTo("undelivered: UNDELIVERED");
        }

        @Test
        void deliveredOutranksAnEarlierFailureReport() {
            long id = rig.sent(TO, GATEWAY, "zen-1");
            receipts.apply(receipt("zen-1", ReceiptStatus.UNDELIVERED, "NOT_DELIVERED"));

            assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.DELIVERED, "DELIVERED"))).isEqualTo(Outcome.APPLIED);

            assertThat(message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(message(id).reason()).isNull();
        }

        @Test
        void anUncertainMessageGetsItsAnswerFromAReceiptThatNamesItsOwnId() {
            long delivered = rig.uncertain(TO, GATEWAY);
            long sent = rig.uncertain(QueueRig.number(8), GATEWAY);
            assertThat(message(delivered).status()).isEqualTo(MessageStatus.UNCERTAIN);
            int balance = rig.queue().ledger().balance(STORE);

            assertThat(receipts.apply(new Receipt(GATEWAY, "zen-9", ReceiptStatus.DELIVERED, "DELIVERED", null, delivered)))
                    .isEqualTo(Outcome.APPLIED);
            assertThat(receipts.apply(new Receipt(GATEWAY, "zen-10", ReceiptStatus.SENT, "SENT", null, sent)))
                    .isEqualTo(Outcome.APPLIED);

            assertThat(message(delivered).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(message(delivered).providerMessageId()).isEqualTo("zen-9");
            assertThat(message(delivered).reason()).isNull();
            assertThat(message(sent).status()).isEqualTo(MessageStatus.SENT);
            assertThat(message(sent).reason()).isNull();
            assertThat(rig.column(sent, "gateway", String.class)).isEqualTo(GATEWAY);
            assertThat(rig.queue().ledger().balance(STORE)).as("paid, as it went out").isEqualTo(balance);

            // From now on the provider's id finds it, like any sent message.
            assertThat(receipts.apply(receipt("zen-10", ReceiptStatus.DELIVERED, "DELIVERED"))).isEqualTo(Outcome.APPLIED);
            assertThat(message(sent).status()).isEqualTo(MessageStatus.DELIVERED);
        }

        @Test
        void anUncertainMessageCanAlsoTurnOutUndelivered() {
            long id = rig.uncertain(TO, GATEWAY);

            receipts.apply(new Receipt(GATEWAY, "zen-9", ReceiptStatus.UNDELIVERED, "NOT_DELIVERED", null, id));

            assertThat(message(id).status()).isEqualTo(MessageStatus.FAILED);
            assertThat(message(id).reason()).isEqualTo("undelivered: NOT_DELIVERED");
        }

        @Test
        void anUnknownProviderIdChangesNoMessageAndIsKeptForWhenItsSendIsRecorded() {
            rig.sent(TO, GATEWAY, "zen-1");
            var before = rig.snapshot();

            assertThat(receipts.apply(receipt("zen-404", ReceiptStatus.DELIVERED, "DELIVERED"))).isEqualTo(Outcome.UNKNOWN);

            assertThat(rig.snapshot()).isEqualTo(before);
            assertThat(parked()).isOne();
        }

        @Test
        void aReceiptThatFindsNoMessageForADayIsDroppedAndLogged() {
            receipts.apply(receipt("zen-404", ReceiptStatus.DELIVERED, "DELIVERED"));
            rig.clock().advance(DeliveryReceipts.PARKED_FOR.minusMinutes(1));
            assertThat(receipts.applyParked()).isZero();
            assertThat(parked()).isOne();

            rig.clock().advance(Duration.ofMinutes(2));
            try (var logs = LogCapture.start()) {
                assertThat(receipts.applyParked()).isZero();
                assertThat(logs.lines()).anyMatch(line -> line.startsWith("INFO")
                        && line.contains("Receipt from zenvia for message zen-404 found no message in PT24H: dropped"));
            }
            assertThat(parked()).isZero();
        }

        @Test
        void theSameIdFromAnotherGatewayIsUnknown() {
            long id = rig.sent(TO, GATEWAY, "id-1");

            assertThat(receipts.apply(new Receipt("twilio", "id-1", ReceiptStatus.DELIVERED, "delivered", null)))
                    .isEqualTo(Outcome.UNKNOWN);

            assertThat(message(id).status()).isEqualTo(MessageStatus.SENT);
        }

        @Test
        void aReplayedReceiptChangesNothing() {
            rig.sent(TO, GATEWAY, "zen-1");
            Receipt delivered = receipt("zen-1", ReceiptStatus.DELIVERED, "DELIVERED");
            assertThat(receipts.apply(delivered)).isEqualTo(Outcome.APPLIED);
            var before = rig.snapshot();
            rig.clock().advance(Duration.ofMinutes(5));

            assertThat(receipts.apply(delivered)).isEqualTo(Outcome.UNCHANGED);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void aReceiptThatBeatsTheDispatchersRecordIsKeptAndAppliedOnceTheSendIsRecorded() {
            long id = sending();
            var before = rig.snapshot();

            assertThat(receipts.apply(new Receipt(GATEWAY, "zen-1", ReceiptStatus.DELIVERED, "DELIVERED", null, id)))
                    .isEqualTo(Outcome.NOT_YET_RECORDED);
            assertThat(rig.snapshot()).isEqualTo(before);
            assertThat(receipts.applyParked()).as("still SENDING: kept").isZero();
            assertThat(parked()).isOne();

            recordSent(id, "zen-1");
            assertThat(receipts.applyParked()).isOne();

            assertThat(message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(parked()).isZero();
        }

        @Test
        void anEarlyReceiptByTheProvidersIdAloneFindsItsMessageOnceTheSendRecordsThatId() {
            long id = sending();

            assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.DELIVERED, "DELIVERED"))).isEqualTo(Outcome.UNKNOWN);
            recordSent(id, "zen-1");
            receipts.applyParked();

            assertThat(message(id).status()).isEqualTo(MessageStatus.DELIVERED);
        }

        @Test
        void earlyReceiptsReplayedAndOutOfOrderEndWhereTheirRankSays() {
            long id = sending();
            Receipt delivered = new Receipt(GATEWAY, "zen-1", ReceiptStatus.DELIVERED, "DELIVERED", null, id);
            receipts.apply(delivered);
            receipts.apply(delivered);
            receipts.apply(new Receipt(GATEWAY, "zen-1", ReceiptStatus.SENT, "SENT", null, id));

            recordSent(id, "zen-1");
            receipts.applyParked();
            var after = rig.snapshot();

            assertThat(message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(parked()).isZero();
            receipts.apply(delivered);
            assertThat(rig.snapshot()).isEqualTo(after);
        }

        /** A message the dispatcher leased and is sending: no provider id known yet. */
        private long sending() {
            long id = rig.queuedForTomorrow(TO);
            db.jdbc().update("UPDATE sms_message SET status = 'SENDING', lease_owner = 'node-1' WHERE id = ?", id);
            return id;
        }

        /** What the dispatcher writes when the send returns. */
        private void recordSent(long id, String providerId) {
            db.jdbc().update("UPDATE sms_message SET status = 'SENT', gateway = ?, provider_message_id = ?,"
                    + " sent_at = updated_at WHERE id = ?", GATEWAY, providerId, id);
        }

        private long parked() {
            return db.count("sms_parked_receipt", "");
        }

        @Test
        void messagesTheDispatcherEndedItselfAreNeverTouched() {
            long refused = rig.queue().insertDue(STORE, TO, QueueRig.BODY, rig.clock().instant());
            db.jdbc().update("UPDATE sms_message SET status = 'FAILED', reason = 'permanent: invalid number' WHERE id = ?",
                    refused);
            long cancelled = rig.queuedForTomorrow(QueueRig.number(9));
            db.jdbc().update("UPDATE sms_message SET status = 'CANCELLED', reason = 'suppressed' WHERE id = ?", cancelled);
            var before = rig.snapshot();

            receipts.apply(new Receipt(GATEWAY, "zen-1", ReceiptStatus.DELIVERED, "DELIVERED", null, refused));
            receipts.apply(new Receipt(GATEWAY, "zen-2", ReceiptStatus.SENT, "SENT", null, cancelled));

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void aStatusThatSaysNothingAboutDeliveryIsIgnored() {
            long id = rig.sent(TO, GATEWAY, "zen-1");

            assertThat(receipts.apply(receipt("zen-1", ReceiptStatus.OTHER, "CLICKED"))).isEqualTo(Outcome.IGNORED);

            assertThat(message(id).status()).isEqualTo(MessageStatus.SENT);
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
