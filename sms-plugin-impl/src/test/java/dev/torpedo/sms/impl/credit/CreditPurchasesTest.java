package dev.torpedo.sms.impl.credit;

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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditPurchasesTest {

    abstract static class Contract extends DatabaseContract {

        final StoreId store = StoreId.of("loja-1");
        QueueRig rig;
        CreditPurchases purchases;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
            purchases = rig.purchases();
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        private void at(String instant) {
            rig.clock().set(Instant.parse(instant));
        }

        @Test
        void aNewPurchaseWaitsForItsPayment() {
            long id = purchases.create(store, 500, 4_500);

            assertThat(purchases.find(id)).hasValueSatisfying(purchase -> {
                assertThat(purchase.storeId()).isEqualTo(store);
                assertThat(purchase.credits()).isEqualTo(500);
                assertThat(purchase.amountCents()).isEqualTo(4_500);
                assertThat(purchase.status()).isEqualTo(PurchaseStatus.PENDING_PAYMENT);
                assertThat(purchase.createdAt()).isEqualTo(QueueRig.TUESDAY_NOON_SAO_PAULO);
                assertThat(purchase.paidOn()).isNull();
                assertThat(purchase.creditOn()).isNull();
            });
            assertThat(purchases.creditDue()).isZero();
            assertThat(rig.ledger().balance(store)).isZero();
        }

        @Test
        void aPurchaseIsOfOneToOneHundredThousandCreditsAndCostsNothingNegative() {
            assertThatThrownBy(() -> purchases.create(store, 0, 100)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> purchases.create(store, 100_001, 100)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> purchases.create(store, 10, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(purchases.create(store, 100_000, 0)).isPositive();
        }

        @Test
        void paidOnTheFridayBeforeCarnivalIsCreditedOnAshWednesdayAndNotBefore() {
            at("2027-02-05T18:00:00Z");
            long id = purchases.create(store, 300, 2_700);
            purchases.confirmPayment(id, LocalDate.of(2027, 2, 5));

            assertThat(purchases.find(id)).hasValueSatisfying(purchase -> {
                assertThat(purchase.status()).isEqualTo(PurchaseStatus.PAID);
                assertThat(purchase.paidOn()).isEqualTo(LocalDate.of(2027, 2, 5));
                assertThat(purchase.creditOn()).isEqualTo(LocalDate.of(2027, 2, 10));
            });

            at("2027-02-08T15:00:00Z");   // Carnival Monday
            assertThat(purchases.creditDue()).isZero();
            at("2027-02-10T02:59:59Z");   // still Tuesday 23:59:59 in Brasília
            assertThat(purchases.creditDue()).isZero();
            assertThat(rig.ledger().balance(store)).isZero();

            at("2027-02-10T03:00:00Z");   // Ash Wednesday, 00:00 in Brasília
            assertThat(purchases.creditDue()).isEqualTo(1);

            assertThat(rig.ledger().balance(store)).isEqualTo(300);
            assertThat(purchases.find(id)).hasValueSatisfying(purchase -> {
                assertThat(purchase.status()).isEqualTo(PurchaseStatus.CREDITED);
                assertThat(purchase.creditedAt()).isEqualTo(Instant.parse("2027-02-10T03:00:00Z"));
            });
            assertThat(rig.ledger().entries(store, 10)).singleElement()
                    .satisfies(entry -> assertThat(entry.purchaseId()).isEqualTo(id));
            assertThat(purchases.creditDue()).isZero();
            assertThat(rig.ledger().balance(store)).isEqualTo(300);
        }

        @Test
        void paidOnASaturdayIsCreditedOnMondayUnlessMondayIsAHoliday() {
            at("2027-11-20T15:00:00Z");
            long ordinary = purchases.create(store, 10, 90);
            long beforeHoliday = purchases.create(store, 10, 90);

            purchases.confirmPayment(ordinary, LocalDate.of(2026, 3, 14));
            purchases.confirmPayment(beforeHoliday, LocalDate.of(2027, 11, 13));   // Monday the 15th: Republic Day

            assertThat(purchases.find(ordinary).orElseThrow().creditOn()).isEqualTo(LocalDate.of(2026, 3, 16));
            assertThat(purchases.find(beforeHoliday).orElseThrow().creditOn()).isEqualTo(LocalDate.of(2027, 11, 16));
        }

        @Test
        void aPaymentIsConfirmedOnceAndNeverForTheFuture() {
            long id = purchases.create(store, 10, 90);

            assertThatThrownBy(() -> purchases.confirmPayment(id, LocalDate.of(2026, 3, 11)))
                    .isInstanceOf(IllegalArgumentException.class);
            purchases.confirmPayment(id, LocalDate.of(2026, 3, 10));
            assertThatThrownBy(() -> purchases.confirmPayment(id, LocalDate.of(2026, 3, 10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PAID");
            assertThatThrownBy(() -> purchases.confirmPayment(id + 1000, LocalDate.of(2026, 3, 10)))
                    .isInstanceOf(NoSuchElementException.class);
            assertThat(purchases.find(id).orElseThrow().paidOn()).isEqualTo(LocalDate.of(2026, 3, 10));
        }

        @Test
        void anUnpaidPurchaseCanBeCancelledAndThenNotConfirmed() {
            long id = purchases.create(store, 10, 90);

            purchases.cancel(id);

            assertThat(purchases.find(id).orElseThrow().status()).isEqualTo(PurchaseStatus.CANCELLED);
            assertThatThrownBy(() -> purchases.confirmPayment(id, LocalDate.of(2026, 3, 10)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> purchases.cancel(id)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void twoNodesRunningTheCreditJobAtOnceCreditEachPurchaseOnce() {
            List<Long> ids = IntStream.range(0, 6).mapToObj(i -> purchases.create(store, 100 + i, 0)).toList();
            ids.forEach(id -> purchases.confirmPayment(id, LocalDate.of(2026, 3, 9)));   // credit day: the 10th

            List<Integer> credited = Concurrently.run(2, node -> purchases::creditDue);

            assertThat(credited.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
            assertThat(rig.ledger().balance(store)).isEqualTo(615);
            assertThat(rig.ledgerSum(store)).isEqualTo(615);
            assertThat(db.count("sms_credit_ledger", "kind = 'PURCHASE'")).isEqualTo(6);
            assertThat(purchases.ofStore(store)).extracting(Purchase::status).containsOnly(PurchaseStatus.CREDITED);
        }

        @Test
        void theOperatorSeesEveryStoresPurchasesAwaitingPaymentOldestFirstUpToTheLimit() {
            long first = purchases.create(store, 10, 90);
            long paid = purchases.create(store, 20, 180);
            long cancelled = purchases.create(store, 30, 270);
            long otherStore = purchases.create(StoreId.of("other"), 40, 360);
            long last = purchases.create(store, 50, 450);
            purchases.confirmPayment(paid, LocalDate.of(2026, 3, 10));
            purchases.cancel(cancelled);

            assertThat(purchases.awaitingPayment(10)).extracting(Purchase::id).containsExactly(first, otherStore, last);
            assertThat(purchases.awaitingPayment(2)).extracting(Purchase::id).containsExactly(first, otherStore);
            assertThat(purchases.awaitingPayment(10)).extracting(Purchase::status)
                    .containsOnly(PurchaseStatus.PENDING_PAYMENT);
        }

        @Test
        void theCreditDayShownForAPaymentDateIsTheFirstBusinessDayAfterIt() {
            assertThat(purchases.creditDayFor(LocalDate.of(2026, 3, 10))).isEqualTo(LocalDate.of(2026, 3, 11));
            assertThat(purchases.creditDayFor(LocalDate.of(2026, 3, 13))).isEqualTo(LocalDate.of(2026, 3, 16));
            assertThat(purchases.creditDayFor(LocalDate.of(2027, 2, 5))).isEqualTo(LocalDate.of(2027, 2, 10));
        }

        @Test
        void purchasesCreditedByAJobCalledInsideATransactionStayCreditedWhenThatTransactionRollsBack() {
            long id = purchases.create(store, 100, 900);
            purchases.confirmPayment(id, LocalDate.of(2026, 3, 9));   // credit day: the 10th, today

            db.tx().executeWithoutResult(status -> {
                assertThat(purchases.creditDue()).isEqualTo(1);
                status.setRollbackOnly();
            });

            assertThat(purchases.find(id).orElseThrow().status()).isEqualTo(PurchaseStatus.CREDITED);
            assertThat(rig.ledger().balance(store)).isEqualTo(100);
            assertThat(purchases.creditDue()).isZero();
        }

        @Test
        void aStoresPurchasesAreListedNewestFirst() {
            long first = purchases.create(store, 10, 90);
            long second = purchases.create(store, 20, 180);
            purchases.create(StoreId.of("other"), 30, 270);

            assertThat(purchases.ofStore(store)).extracting(Purchase::id).containsExactly(second, first);
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
