package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.testing.Concurrently;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several dispatchers on one database: each message goes out once, and credits are never overspent. */
class DispatcherConcurrencyTest {

    abstract static class Contract extends DatabaseContract {

        QueueRig rig;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        private List<Dispatcher> dispatchers(int count) {
            return IntStream.rangeClosed(1, count).mapToObj(i -> rig.dispatcher("node-" + i)).toList();
        }

        private static int drainTogether(List<Dispatcher> dispatchers) {
            return Concurrently.run(dispatchers.size(), i -> dispatchers.get(i)::drain).stream()
                    .mapToInt(Integer::intValue).sum();
        }

        @Test
        void fourDispatchersSendEachOfFiveThousandMessagesExactlyOnce() {
            List<Long> ids = new ArrayList<>();
            for (int s = 1; s <= 5; s++) {
                StoreId store = StoreId.of("loja-" + s);
                rig.give(store, 1_000);
                ids.addAll(rig.insertDue(store, 1_000));
            }

            int claimed = drainTogether(dispatchers(4));

            assertThat(claimed).isEqualTo(5_000);
            assertThat(rig.gateway().messagesSentTwice()).isEmpty();
            assertThat(rig.gateway().callCount()).isEqualTo(5_000);
            assertThat(rig.gateway().messageIds())
                    .isEqualTo(ids.stream().map(String::valueOf).collect(Collectors.toSet()));
            assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, 5_000L));
            for (int s = 1; s <= 5; s++) {
                StoreId store = StoreId.of("loja-" + s);
                assertThat(rig.ledger().balance(store)).isZero();
                assertThat(rig.ledgerSum(store)).isZero();
            }
            assertThat(db.count("sms_message", "provider_message_id IS NULL OR gateway <> 'recording' OR sent_at IS NULL"))
                    .isZero();
        }

        @Test
        void oneDispatcherWithFourBatchesInFlightSharingItsSendersSendsEachMessageExactlyOnce() {
            StoreId store = StoreId.of("loja-1");
            rig.give(store, 2_000);
            List<Long> ids = rig.insertDue(store, 2_000);
            Dispatcher dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-1").withBatchSize(50)
                    .withConcurrency(4).withBatchesInFlight(4), QueueRig.NO_JITTER);

            assertThat(dispatcher.drain()).isEqualTo(2_000);

            assertThat(rig.gateway().messagesSentTwice()).isEmpty();
            assertThat(rig.gateway().messageIds())
                    .isEqualTo(ids.stream().map(String::valueOf).collect(Collectors.toSet()));
            assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, 2_000L));
            assertThat(rig.ledger().balance(store)).isZero();
            assertThat(rig.ledgerSum(store)).isZero();
            // One statement line per claim, not one per message; no claim takes more rows than there are senders.
            assertThat(db.count("sms_credit_ledger", "kind = 'DEBIT'")).isBetween(500L, 1_999L);
            assertThat(db.jdbc().queryForObject("SELECT MAX(message_count) FROM sms_credit_ledger WHERE kind = 'DEBIT'",
                    Integer.class)).isBetween(1, 4);
            assertThat(rig.debitedMessages(store)).isEqualTo(2_000);
            assertThat(rig.metrics().sent()).hasSize(2_000);
        }

        @Test
        void withCreditForHalfTheQueueHalfGoesOutAndTheRestWaitsForAPurchase() {
            StoreId store = StoreId.of("loja-1");
            db.tx().executeWithoutResult(s -> rig.ledger().grantFreeCredits(store));
            rig.give(store, 490);
            rig.insertDue(store, 1_000);
            List<Dispatcher> dispatchers = dispatchers(4);

            drainTogether(dispatchers);

            assertThat(rig.countByStatus()).containsOnly(
                    Map.entry(MessageStatus.SENT, 500L), Map.entry(MessageStatus.WAITING_CREDIT, 500L));
            assertThat(rig.gateway().callCount()).isEqualTo(500);
            assertThat(rig.gateway().messagesSentTwice()).isEmpty();
            assertThat(rig.ledger().balance(store)).isZero();
            assertThat(rig.ledgerSum(store)).isZero();
            assertThat(rig.debitedMessages(store)).isEqualTo(500);
            assertThat(db.count("sms_message", "status = 'WAITING_CREDIT' AND (credits_debited <> 0 OR attempts <> 0)"))
                    .isZero();

            long purchase = rig.purchases().create(store, 500, 4_500);
            rig.purchases().confirmPayment(purchase, LocalDate.of(2026, 3, 10));
            assertThat(rig.purchases().creditDue()).isZero();              // credited tomorrow, not today
            assertThat(drainTogether(dispatchers)).isZero();

            rig.clock().advance(Duration.ofDays(1));                        // Wednesday 12:00 in São Paulo
            assertThat(rig.purchases().creditDue()).isEqualTo(1);
            assertThat(rig.countByStatus()).containsEntry(MessageStatus.QUEUED, 500L);
            drainTogether(dispatchers);

            assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, 1_000L));
            assertThat(rig.gateway().callCount()).isEqualTo(1_000);
            assertThat(rig.gateway().messagesSentTwice()).isEmpty();
            assertThat(rig.ledger().balance(store)).isZero();
            assertThat(rig.ledgerSum(store)).isZero();
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
