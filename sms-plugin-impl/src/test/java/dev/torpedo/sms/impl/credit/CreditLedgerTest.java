package dev.torpedo.sms.impl.credit;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.credit.CreditLedger.Debit;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.testing.Concurrently;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditLedgerTest {

    abstract static class Contract extends DatabaseContract {

        final StoreId store = StoreId.of("loja-1");
        QueueRig rig;
        CreditLedger ledger;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
            ledger = rig.ledger();
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        private <T> T inTx(java.util.function.Supplier<T> work) {
            return db.tx().execute(status -> work.get());
        }

        @Test
        void aStoreGetsItsTenFreeCreditsOnce() {
            assertThat(ledger.balance(store)).isZero();

            assertThat(inTx(() -> ledger.grantFreeCredits(store))).isTrue();
            assertThat(inTx(() -> ledger.grantFreeCredits(store))).isFalse();

            assertThat(ledger.balance(store)).isEqualTo(CreditLedger.FREE_CREDITS).isEqualTo(10);
            assertThat(ledger.entries(store, 10)).singleElement().satisfies(entry -> {
                assertThat(entry.kind()).isEqualTo(LedgerEntry.Kind.FREE_GRANT);
                assertThat(entry.delta()).isEqualTo(10);
                assertThat(entry.createdAt()).isEqualTo(QueueRig.TUESDAY_NOON_SAO_PAULO);
            });
        }

        @Test
        void eightThreadsAskingAtOnceGrantTheFreeCreditsOnce() {
            List<Boolean> granted = Concurrently.run(8, i -> () -> inTx(() -> ledger.grantFreeCredits(store)));

            assertThat(granted).containsOnlyOnce(true);
            assertThat(ledger.balance(store)).isEqualTo(10);
            assertThat(ledger.entries(store, 100)).hasSize(1);
        }

        @Test
        void aStoreThatBoughtCreditsBeforeItsGrantStillGetsTheFreeCreditsOnce() {
            rig.give(store, 50);

            List<Boolean> granted = Concurrently.run(4, i -> () -> inTx(() -> ledger.grantFreeCredits(store)));

            assertThat(granted).containsOnlyOnce(true);
            assertThat(ledger.balance(store)).isEqualTo(60);
            assertThat(rig.ledgerSum(store)).isEqualTo(60);
        }

        @Test
        void aDebitThatFitsTakesEverythingInOneGo() {
            rig.give(store, 10);

            List<Long> paid = inTx(() -> ledger.debit(store, List.of(new Debit(1, 3), new Debit(2, 7))));

            assertThat(paid).containsExactly(1L, 2L);
            assertThat(ledger.balance(store)).isZero();
            // One statement line for the claim: two messages, ten credits.
            assertThat(ledger.entries(store, 2)).extracting(LedgerEntry::kind, LedgerEntry::delta, LedgerEntry::messages,
                            LedgerEntry::messageId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(LedgerEntry.Kind.DEBIT, -10, 2, null),
                            org.assertj.core.groups.Tuple.tuple(LedgerEntry.Kind.PURCHASE, 10, 0, null));
        }

        @Test
        void debitsArePaidFirstComeFirstServedAndStopAtTheFirstThatDoesNotFit() {
            rig.give(store, 10);

            List<Long> paid = inTx(() -> ledger.debit(store,
                    List.of(new Debit(1, 4), new Debit(2, 5), new Debit(3, 3), new Debit(4, 1))));

            // Message 4 would fit in what is left, but does not jump the queue ahead of message 3.
            assertThat(paid).containsExactly(1L, 2L);
            assertThat(ledger.balance(store)).isEqualTo(1);
            assertThat(rig.ledgerSum(store)).isEqualTo(1);
        }

        @Test
        void aStoreWithoutAnAccountPaysForNothing() {
            assertThat(inTx(() -> ledger.debit(store, List.of(new Debit(1, 1))))).isEmpty();
            assertThat(ledger.balance(store)).isZero();
        }

        @Test
        void manyClaimsOpeningTheSameStoresAccountAtOnceOpenItOnceAndNoneFails() {
            // The dispatcher's claims run in Transactions (READ COMMITTED, a lost deadlock run again): on MariaDB
            // racing inserts of one account must not reach a caller as a deadlock.
            var transactions = new dev.torpedo.sms.impl.db.Transactions(db.transactionManager());
            StoreId fresh = StoreId.of("loja-sem-conta");
            AtomicLong ids = new AtomicLong();
            List<List<Long>> paid = Concurrently.run(8, t -> () -> {
                List<Long> mine = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                    mine.addAll(transactions.run(status -> ledger.debit(fresh,
                            List.of(new Debit(ids.incrementAndGet(), 1)))));
                }
                return mine;
            });

            assertThat(paid).allSatisfy(mine -> assertThat(mine).isEmpty());
            assertThat(db.count("sms_credit_account", "store_id = ?", fresh.value())).isEqualTo(1);
            assertThat(ledger.balance(fresh)).isZero();
        }

        @Test
        void aThousandDebitsAtOnceNeverDriveTheBalanceNegative() {
            rig.give(store, 600);
            AtomicLong ids = new AtomicLong();
            int threads = 8;
            List<List<Long>> paid = Concurrently.run(threads, t -> () -> {
                var random = new SplittableRandom(t);
                List<Long> mine = new ArrayList<>();
                for (int round = 0; round < 1000 / threads; round++) {
                    List<Debit> debits = new ArrayList<>();
                    for (int d = random.nextInt(1, 4); d > 0; d--) {
                        debits.add(new Debit(ids.incrementAndGet(), 1));
                    }
                    mine.addAll(inTx(() -> ledger.debit(store, debits)));
                    assertThat(ledger.balance(store)).isNotNegative();
                }
                return mine;
            });

            // Demand (1,000 debits of 1 to 3 one-credit messages) exceeds the supply: all of it is spent, never more.
            assertThat(paid.stream().mapToInt(List::size).sum()).isEqualTo(600);
            assertThat(paid.stream().flatMap(List::stream)).doesNotHaveDuplicates();
            assertThat(ledger.balance(store)).isZero();
            assertThat(rig.ledgerSum(store)).isZero();
        }

        @Test
        void aRefundIsGivenOnceHoweverOftenItIsAsked() {
            rig.give(store, 5);
            inTx(() -> ledger.debit(store, List.of(new Debit(7, 2))));

            List<Boolean> refunded = Concurrently.run(4, i -> () -> inTx(() -> ledger.refund(store, 7, 2)));

            assertThat(refunded).containsOnlyOnce(true);
            assertThat(ledger.balance(store)).isEqualTo(5);
            assertThat(rig.ledgerSum(store)).isEqualTo(5);
            assertThat(rig.ledgerRows("REFUND", 7)).isEqualTo(1);
        }

        @Test
        void aPurchaseIsAddedOnceAndSendsTheStoresWaitingMessagesBackToTheQueue() {
            StoreId other = StoreId.of("loja-2");
            List<Long> waiting = rig.insertDue(store, 3);
            List<Long> othersWaiting = rig.insertDue(other, 2);
            db.jdbc().update("UPDATE sms_message SET status = 'WAITING_CREDIT', reason = 'no-credit'");
            long purchase = rig.purchases().create(store, 100, 900);

            db.tx().executeWithoutResult(s -> ledger.add(store, 100, purchase));
            db.tx().executeWithoutResult(s -> ledger.add(store, 100, purchase));

            assertThat(ledger.balance(store)).isEqualTo(100);
            assertThat(waiting).allSatisfy(id -> {
                assertThat(rig.message(id).status()).isEqualTo(MessageStatus.QUEUED);
                assertThat(rig.message(id).reason()).isNull();
            });
            assertThat(othersWaiting).allSatisfy(id ->
                    assertThat(rig.message(id).status()).isEqualTo(MessageStatus.WAITING_CREDIT));
            assertThat(ledger.entries(store, 10)).singleElement().satisfies(entry -> {
                assertThat(entry.kind()).isEqualTo(LedgerEntry.Kind.PURCHASE);
                assertThat(entry.purchaseId()).isEqualTo(purchase);
                assertThat(entry.delta()).isEqualTo(100);
            });
        }

        @Test
        void aPurchaseCreditedWhileADispatcherParksMessagesForLackOfCreditStillReleasesThem() {
            rig.give(store, 1);
            inTx(() -> ledger.debit(store, List.of(new Debit(-1, 1))));     // an account, empty
            purchaseRacesParking();
        }

        @Test
        void aPurchaseCreditedWhileADispatcherParksMessagesOfAStoreWithoutAccountStillReleasesThem() {
            purchaseRacesParking();
        }

        private void purchaseRacesParking() {
            List<Long> ids = rig.insertDue(store, 2);
            long purchase = rig.purchases().create(store, 100, 900);
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread credit = new Thread(() -> {
                try {
                    db.tx().executeWithoutResult(s -> ledger.add(store, 100, purchase));
                } catch (Throwable t) {
                    errors.add(t);
                }
            });

            // The dispatcher's claim, by hand and like it in READ COMMITTED (under MariaDB's REPEATABLE READ the
            // failed conditional UPDATE alone would lock the row): nothing paid, so the rows are parked...
            var claim = db.tx();
            claim.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED);
            claim.executeWithoutResult(status -> {
                assertThat(ledger.debit(store, ids.stream().map(id -> new Debit(id, 1)).toList())).isEmpty();
                db.jdbc().update("UPDATE sms_message SET status = 'WAITING_CREDIT'");
                // ...while the purchase is credited: it must wait for this transaction, not run past it.
                credit.start();
                awaitBlocked(credit, errors);
            });
            try {
                credit.join(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }

            assertThat(errors).isEmpty();
            assertThat(ids).allSatisfy(id -> assertThat(rig.message(id).status()).isEqualTo(MessageStatus.QUEUED));
            assertThat(ledger.balance(store)).isEqualTo(100);
            assertThat(rig.ledgerSum(store)).isEqualTo(100);
        }

        /**
         * Until {@code waiter} is stuck in a statement on the account table, waiting for this thread's transaction;
         * fails after 10 s or if it gets through (finishes or fails) first. Polls the server, never sleeps.
         */
        private void awaitBlocked(Thread waiter, List<Throwable> errors) {
            String stuck = switch (db.kind()) {
                case H2 -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
                        + " AND EXECUTING_STATEMENT LIKE '%sms_credit_account%'";
                case POSTGRESQL -> "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'";
                case MARIADB -> "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE db = DATABASE()"
                        + " AND id <> CONNECTION_ID() AND info LIKE '%sms_credit_account%'";
            };
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            // A connection of its own: Spring would hand this thread the one inside the transaction.
            try (var monitor = db.dataSource().getConnection(); var statement = monitor.createStatement()) {
                java.sql.SQLException lastPollError = null;
                while (true) {
                    try (var rs = statement.executeQuery(stuck)) {
                        if (rs.next() && rs.getLong(1) > 0) {
                            return;
                        }
                    } catch (java.sql.SQLException e) {
                        // H2 can fail reading its session table while another session changes (an internal NPE);
                        // the question is asked again on the next turn.
                        lastPollError = e;
                    }
                    if (System.nanoTime() > deadline || !errors.isEmpty() || !waiter.isAlive()) {
                        throw new AssertionError("The purchase did not wait for the dispatcher's transaction " + errors,
                                lastPollError);
                    }
                    Thread.onSpinWait();
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void theStatementListsMovementsNewestFirstAndAddsUpToTheBalance() {
            inTx(() -> ledger.grantFreeCredits(store));
            inTx(() -> ledger.debit(store, List.of(new Debit(1, 2))));
            inTx(() -> ledger.refund(store, 1, 2));
            inTx(() -> ledger.debit(store, List.of(new Debit(2, 1))));

            assertThat(ledger.entries(store, 10)).extracting(LedgerEntry::kind).containsExactly(
                    LedgerEntry.Kind.DEBIT, LedgerEntry.Kind.REFUND, LedgerEntry.Kind.DEBIT, LedgerEntry.Kind.FREE_GRANT);
            assertThat(ledger.entries(store, 2)).hasSize(2);
            assertThat(ledger.balance(store)).isEqualTo(9);
            assertThat(rig.ledgerSum(store)).isEqualTo(9);
        }

        @Test
        void theStatementCanBeAskedForItsNewestMovementAloneAndForNoneAtAll() {
            inTx(() -> ledger.grantFreeCredits(store));
            inTx(() -> ledger.debit(store, List.of(new Debit(1, 2))));

            assertThat(ledger.entries(store, 1)).singleElement()
                    .satisfies(entry -> assertThat(entry.kind()).isEqualTo(LedgerEntry.Kind.DEBIT));
            assertThat(ledger.entries(store, 0)).isEmpty();
        }

        @Test
        void aRefundOfOneCreditIsGiven() {
            rig.give(store, 1);
            inTx(() -> ledger.debit(store, List.of(new Debit(7, 1))));

            assertThat(inTx(() -> ledger.refund(store, 7, 1))).isTrue();
            assertThat(ledger.balance(store)).isEqualTo(1);
        }

        @Test
        void creditsSpentAreCountedPerLocalDayDebitsLessRefundsFromTheDayOfTheStart() {
            rig.give(store, 50);
            spendAt("2026-03-09T15:00:00Z", 1, 5);           // Monday: before the first day asked for
            spendAt("2026-03-10T12:00:00Z", 2, 3);           // Tuesday 09:00 in São Paulo
            rig.clock().set(Instant.parse("2026-03-10T20:00:00Z"));
            inTx(() -> ledger.refund(store, 2, 1));
            spendAt("2026-03-11T02:30:00Z", 3, 2);           // Tuesday 23:30 in São Paulo, Wednesday in UTC
            spendAt("2026-03-11T15:00:00Z", 4, 4);
            Instant from = Instant.parse("2026-03-10T18:00:00Z");

            assertThat(ledger.spentPerDay(store, from, ZoneId.of("America/Sao_Paulo"))).containsExactly(
                    Map.entry(LocalDate.of(2026, 3, 10), 4), Map.entry(LocalDate.of(2026, 3, 11), 4));
            assertThat(ledger.spentPerDay(store, from, ZoneOffset.UTC)).containsExactly(
                    Map.entry(LocalDate.of(2026, 3, 10), 2), Map.entry(LocalDate.of(2026, 3, 11), 6));
            assertThat(ledger.spentPerDay(StoreId.of("other"), from, ZoneOffset.UTC)).isEmpty();
        }

        private void spendAt(String instant, long messageId, int credits) {
            rig.clock().set(Instant.parse(instant));
            assertThat(inTx(() -> ledger.debit(store, List.of(new Debit(messageId, credits))))).containsExactly(messageId);
        }

        @Test
        void anAccountOpenedByAPurchaseBetweenTheCheckAndTheGrantStillGetsTheFreeCredits() {
            long purchase = rig.purchases().create(store, 50, 450);
            // The account is made, as a purchase credited at that moment makes it, right after the grant found none.
            CreditLedger granting = new CreditLedger(new JdbcTemplate(db.dataSource()) {
                private boolean raced;

                @Override
                public <T> List<T> queryForList(String sql, Class<T> elementType, Object... args) {
                    List<T> found = super.queryForList(sql, elementType, args);
                    if (!raced && sql.contains("free_granted")) {
                        raced = true;
                        rig.ledger().add(store, 50, purchase);
                    }
                    return found;
                }
            }, db.dialect(), rig.clock());

            assertThat(inTx(() -> granting.grantFreeCredits(store))).isTrue();

            assertThat(ledger.balance(store)).isEqualTo(60);
            assertThat(rig.ledgerSum(store)).isEqualTo(60);
            assertThat(ledger.entries(store, 10)).extracting(LedgerEntry::kind)
                    .containsExactlyInAnyOrder(LedgerEntry.Kind.PURCHASE, LedgerEntry.Kind.FREE_GRANT);
        }

        @Test
        void aDebitOrRefundOfNoCreditsIsAMistake() {
            assertThatThrownBy(() -> new Debit(1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ledger.refund(store, 1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ledger.add(store, 0, 1)).isInstanceOf(IllegalArgumentException.class);
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
