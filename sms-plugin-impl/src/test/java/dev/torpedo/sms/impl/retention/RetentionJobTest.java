package dev.torpedo.sms.impl.retention;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionJobTest {

    static final MobileNumber ANA = MobileNumber.of("+5511912345678");
    static final MobileNumber BIA = MobileNumber.of("+5521987654321");

    abstract static class Contract extends DatabaseContract {

        MutableClock clock;
        RetentionJob retention;
        SuppressionList suppression;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            clock = MutableClock.at("2026-09-10T13:00:00Z");
            retention = new RetentionJob(db.jdbc(), clock, Duration.ofDays(180));
            suppression = new SuppressionList(db.jdbc(), db.dialect(), clock);
        }

        Instant daysAgo(int days) {
            return clock.instant().minus(Duration.ofDays(days));
        }

        long message(String key, MobileNumber to, String status, Instant createdAt) {
            var at = DbTime.toDb(createdAt);
            db.jdbc().update("INSERT INTO sms_message (store_id, idempotency_key, kind, template_key, recipient,"
                            + " recipient_masked, body, encoding, segments, status, not_before, credits_debited, created_at,"
                            + " updated_at) VALUES ('42', ?, 'ORDER_CREATED', 'order-received', ?, ?, 'Loja: Ola', 'GSM_7',"
                            + " 1, ?, ?, ?, ?, ?)", key, to.e164(), to.masked(), status, at,
                    status.equals("QUEUED") ? 0 : 1, at, at);
            return db.jdbc().queryForObject("SELECT id FROM sms_message WHERE idempotency_key = ?", Long.class, key);
        }

        long subscription(MobileNumber to, String status, Instant createdAt, Instant notifiedAt) {
            db.jdbc().update("INSERT INTO sms_subscription (store_id, product_id, recipient, consent_version, consented_at,"
                            + " status, created_at, notified_at) VALUES ('42', 'p-77', ?, 'v1', ?, ?, ?, ?)", to.e164(),
                    DbTime.toDb(createdAt), status, DbTime.toDb(createdAt), DbTime.toDb(notifiedAt));
            return db.jdbc().queryForObject("SELECT MAX(id) FROM sms_subscription", Long.class);
        }

        void sandbox(MobileNumber to, Instant at) {
            db.jdbc().update("INSERT INTO sms_sandbox_outbox (message_id, store_id, recipient, body, segments, created_at)"
                    + " VALUES ('m', '42', ?, 'Loja: Ola', 1, ?)", to.e164(), DbTime.toDb(at));
        }

        Map<String, Object> messageRow(long id) {
            return db.jdbc().queryForMap("SELECT recipient, recipient_masked, body, status, reason, credits_debited, purged_at"
                    + " FROM sms_message WHERE id = ?", id);
        }

        Map<String, Object> subscriptionRow(long id) {
            return db.jdbc().queryForMap("SELECT recipient, status FROM sms_subscription WHERE id = ?", id);
        }

        Instant purgedAt(long id) {
            return db.jdbc().queryForObject("SELECT purged_at FROM sms_message WHERE id = ?",
                    (rs, n) -> DbTime.fromDb(rs, "purged_at"), id);
        }

        @Test
        void purgingErasesNumbersAndTextsOnlyFromOldMessagesInAFinalState() {
            long oldSent = message("old-sent", ANA, "SENT", daysAgo(200));
            long oldDelivered = message("old-delivered", ANA, "DELIVERED", daysAgo(181));
            long oldSkipped = message("old-skipped", BIA, "SKIPPED", daysAgo(365));
            long oldQueued = message("old-queued", ANA, "QUEUED", daysAgo(200));
            long recentSent = message("recent-sent", ANA, "SENT", daysAgo(179));

            assertThat(retention.purge()).isEqualTo(3);

            for (long id : new long[]{oldSent, oldDelivered, oldSkipped}) {
                assertThat(messageRow(id)).containsEntry("RECIPIENT", null).containsEntry("BODY", null);
                assertThat(purgedAt(id)).isEqualTo(clock.instant());
            }
            assertThat(messageRow(oldSent)).containsEntry("RECIPIENT_MASKED", ANA.masked()).containsEntry("STATUS", "SENT");
            assertThat(messageRow(oldQueued)).containsEntry("RECIPIENT", ANA.e164()).containsEntry("BODY", "Loja: Ola");
            assertThat(messageRow(recentSent)).containsEntry("RECIPIENT", ANA.e164());
            assertThat(purgedAt(recentSent)).isNull();
            assertThat(retention.purge()).as("purging again finds nothing new").isZero();
        }

        @Test
        void purgingErasesNumbersFromSubscriptionsHandledBeforeTheRetentionPeriod() {
            long notifiedLongAgo = subscription(ANA, "NOTIFIED", daysAgo(300), daysAgo(200));
            long notifiedLately = subscription(ANA, "NOTIFIED", daysAgo(300), daysAgo(10));
            long cancelledLongAgo = subscription(BIA, "CANCELLED", daysAgo(200), null);
            long stillWaiting = subscription(BIA, "ACTIVE", daysAgo(400), null);

            assertThat(retention.purge()).isEqualTo(2);

            assertThat(subscriptionRow(notifiedLongAgo)).containsEntry("RECIPIENT", null).containsEntry("STATUS", "NOTIFIED");
            assertThat(subscriptionRow(cancelledLongAgo)).containsEntry("RECIPIENT", null);
            assertThat(subscriptionRow(notifiedLately)).containsEntry("RECIPIENT", ANA.e164());
            assertThat(subscriptionRow(stillWaiting)).containsEntry("RECIPIENT", BIA.e164());
        }

        @Test
        void afterTheRetentionPeriodNoTableHoldsTheNumberOfAShopperWhoseMessagesAreDone() {
            MobileNumber carol = MobileNumber.of("+5531991234567");
            message("carol-sent", carol, "SENT", daysAgo(200));
            message("carol-failed", carol, "FAILED", daysAgo(190));
            message("carol-rejected", carol, "REJECTED", daysAgo(185));
            subscription(carol, "NOTIFIED", daysAgo(300), daysAgo(200));
            subscription(carol, "CANCELLED", daysAgo(250), null);
            sandbox(carol, daysAgo(181));
            assertThat(db.textColumnsHolding(carol.e164())).isNotEmpty();

            retention.purge();

            // Every text column of every table, not only the ones the job knows about.
            assertThat(db.textColumnsHolding(carol.e164())).isEmpty();
            assertThat(db.textColumnsHolding(carol.nationalNumber())).isEmpty();
            assertThat(db.textColumnsHolding(carol.e164().substring(1))).isEmpty();
        }

        @Test
        void purgingDeletesOldSandboxMessages() {
            sandbox(ANA, daysAgo(181));
            sandbox(ANA, daysAgo(1));

            assertThat(retention.purge()).isEqualTo(1);

            assertThat(db.count("sms_sandbox_outbox", "")).isEqualTo(1);
        }

        @Test
        void forgettingANumberErasesItEverywhereButKeepsItSuppressed() {
            long sent = message("sent", ANA, "SENT", daysAgo(3));
            long queued = message("queued", ANA, "QUEUED", daysAgo(0));
            long waitingCredit = message("waiting", ANA, "WAITING_CREDIT", daysAgo(0));
            long waiting = subscription(ANA, "ACTIVE", daysAgo(5), null);
            long notified = subscription(ANA, "NOTIFIED", daysAgo(5), daysAgo(3));
            sandbox(ANA, daysAgo(3));
            long otherMessage = message("other", BIA, "QUEUED", daysAgo(0));
            long otherSubscription = subscription(BIA, "ACTIVE", daysAgo(5), null);
            sandbox(BIA, daysAgo(3));

            assertThat(retention.forget(ANA)).isEqualTo(3 + 2 + 1);

            assertThat(db.count("sms_message", "recipient = ?", ANA.e164())).isZero();
            assertThat(db.count("sms_message", "body IS NULL")).isEqualTo(3);
            assertThat(db.count("sms_subscription", "recipient = ?", ANA.e164())).isZero();
            assertThat(db.count("sms_sandbox_outbox", "recipient = ?", ANA.e164())).isZero();
            assertThat(messageRow(sent)).containsEntry("STATUS", "SENT").containsEntry("RECIPIENT_MASKED", ANA.masked());
            assertThat(purgedAt(sent)).isEqualTo(clock.instant());
            assertThat(messageRow(queued)).containsEntry("STATUS", "CANCELLED")
                    .containsEntry("REASON", RetentionJob.ERASED_ON_REQUEST);
            // What a waiting message had paid goes back to its store, once; the row keeps what it had paid.
            assertThat(messageRow(waitingCredit)).containsEntry("STATUS", "CANCELLED");
            assertThat(((Number) messageRow(waitingCredit).get("CREDITS_DEBITED")).intValue()).isEqualTo(1);
            assertThat(refunds(waitingCredit)).isEqualTo(1);
            assertThat(refunds(queued)).isZero();
            assertThat(new CreditLedger(db.jdbc(), db.dialect(), clock).balance(StoreId.of("42"))).isEqualTo(1);
            assertThat(subscriptionRow(waiting)).containsEntry("STATUS", "CANCELLED").containsEntry("RECIPIENT", null);
            assertThat(subscriptionRow(notified)).containsEntry("STATUS", "NOTIFIED").containsEntry("RECIPIENT", null);

            assertThat(messageRow(otherMessage)).containsEntry("RECIPIENT", BIA.e164()).containsEntry("STATUS", "QUEUED");
            assertThat(subscriptionRow(otherSubscription)).containsEntry("RECIPIENT", BIA.e164());
            assertThat(db.count("sms_sandbox_outbox", "recipient = ?", BIA.e164())).isEqualTo(1);

            assertThat(suppression.isSuppressed(ANA)).isTrue();
            assertThat(suppression.isSuppressed(BIA)).isFalse();
        }

        @Test
        void aMessageInTheProvidersHandsIsErasedButKeepsWhatItPaidAndASecondForgetRefundsNothing() {
            long sending = message("sending", ANA, "SENDING", daysAgo(0));
            long retried = message("retried", ANA, "QUEUED", daysAgo(0));
            db.jdbc().update("UPDATE sms_message SET credits_debited = 2, attempts = 1 WHERE id = ?", retried);
            CreditLedger ledger = new CreditLedger(db.jdbc(), db.dialect(), clock);

            assertThat(retention.forget(ANA)).isEqualTo(2);
            assertThat(retention.forget(ANA)).isZero();

            assertThat(messageRow(sending)).containsEntry("STATUS", "CANCELLED").containsEntry("RECIPIENT", null);
            assertThat(refunds(sending)).isZero();
            assertThat(refunds(retried)).isEqualTo(1);
            assertThat(ledger.balance(StoreId.of("42"))).isEqualTo(2);
            assertThat(db.textColumnsHolding(ANA.e164())).isEmpty();
        }

        private long refunds(long messageId) {
            return db.count("sms_credit_ledger", "kind = 'REFUND' AND message_id = ?", messageId);
        }

        @Test
        void aForgottenNumberThatRepliedSairStaysSuppressedByItsDigestAlone() {
            suppression.suppress(ANA, "SAIR");

            assertThat(retention.forget(ANA)).isZero();
            assertThat(retention.forget(ANA)).isZero();

            assertThat(suppression.isSuppressed(ANA)).isTrue();
            assertThat(suppression.suppressedAmong(java.util.List.of(ANA, BIA))).containsExactly(ANA);
            assertThat(db.textColumnsHolding(ANA.e164())).isEmpty();
        }

        @Test
        void aRetentionPeriodMustBePositive() {
            assertThatThrownBy(() -> new RetentionJob(db.jdbc(), clock, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RetentionJob(db.jdbc(), clock, Duration.ofDays(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new RetentionJob(db.jdbc(), clock)).isNotNull();
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
