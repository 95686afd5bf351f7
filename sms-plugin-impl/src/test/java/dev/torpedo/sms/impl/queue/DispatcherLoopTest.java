package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.credit.PurchaseStatus;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.RecordingGateway.Reply;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DispatcherLoopTest {

    abstract static class Contract extends DatabaseContract {

        final StoreId store = StoreId.of("loja-1");
        QueueRig rig;
        DispatcherLoop loop;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
        }

        @AfterEach
        void unwire() {
            if (loop != null) {
                loop.stop();
            }
            rig.close();
        }

        @Test
        void theLoopCreditsDuePurchasesAndSendsWhatIsDueUntilStopped() throws Exception {
            long purchase = rig.purchases().create(store, 5, 450);
            rig.purchases().confirmPayment(purchase, LocalDate.of(2026, 3, 9));
            long id = rig.insertDue(store, QueueRig.number(1), QueueRig.BODY, rig.clock().instant());
            CountDownLatch sent = new CountDownLatch(1);
            rig.gateway().when(id, Reply.after(sent::countDown, Reply.accepted()));
            loop = new DispatcherLoop(rig.dispatcher("node-1"), rig.purchases(), Duration.ofMillis(20), rig.clock());

            loop.start();
            loop.start();                                       // harmless
            assertThat(loop.isRunning()).isTrue();
            assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
            loop.stop();

            assertThat(loop.isRunning()).isFalse();
            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.purchases().find(purchase).orElseThrow().status()).isEqualTo(PurchaseStatus.CREDITED);
            assertThat(rig.ledger().balance(store)).isEqualTo(4);
        }

        @Test
        void aFailingRunIsLoggedAndTheLoopGoesOn() throws Exception {
            rig.give(store, 5);
            AtomicInteger begun = new AtomicInteger();
            PlatformTransactionManager real = rig.db().transactionManager();
            PlatformTransactionManager awayAtFirst = new PlatformTransactionManager() {
                @Override
                public TransactionStatus getTransaction(TransactionDefinition definition) {
                    if (begun.getAndIncrement() == 0) {
                        throw new CannotCreateTransactionException("database away");
                    }
                    return real.getTransaction(definition);
                }

                @Override
                public void commit(TransactionStatus status) {
                    real.commit(status);
                }

                @Override
                public void rollback(TransactionStatus status) {
                    real.rollback(status);
                }
            };
            long id = rig.insertDue(store, QueueRig.number(1), QueueRig.BODY, rig.clock().instant());
            CountDownLatch sent = new CountDownLatch(1);
            rig.gateway().when(id, Reply.after(sent::countDown, Reply.accepted()));
            try (Dispatcher dispatcher = rig.builder(rig.gateway(), awayAtFirst)
                    .options(DispatcherOptions.defaults("node-1")).build()) {
                loop = new DispatcherLoop(dispatcher, null, Duration.ofMillis(20), rig.clock());
                loop.start();

                assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
                loop.stop();

                assertThat(begun.get()).as("the failed transaction and those after it").isGreaterThan(1);
                assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENT);
                assertThat(rig.gateway().calls()).hasSize(1);
            }
        }

        @Test
        void metricsThatFailAreLoggedAndTheOutcomesStand() {
            rig.give(store, 5);
            QueueMetrics failing = new QueueMetrics() {
                @Override
                public void sent(MessageKind kind, Duration dueToSent) {
                    throw new IllegalStateException("meter registry down");
                }

                @Override
                public void failed(MessageKind kind, String reason) {
                    throw new IllegalStateException("meter registry down");
                }
            };
            long first = rig.insertDue(store, QueueRig.number(1), QueueRig.BODY, rig.clock().instant());
            long second = rig.insertDue(store, QueueRig.number(2), QueueRig.BODY, rig.clock().instant());
            AtomicInteger afterRecorded = new AtomicInteger();
            try (Dispatcher dispatcher = rig.builder(rig.gateway()).options(DispatcherOptions.defaults("node-1"))
                    .metrics(failing).afterRecorded(afterRecorded::incrementAndGet).build()) {

                assertThat(dispatcher.drain()).isEqualTo(2);
            }

            assertThat(rig.message(first).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(second).status()).isEqualTo(MessageStatus.SENT);
            assertThat(afterRecorded.get()).as("the work after recording ran").isPositive();
            assertThat(rig.ledger().balance(store)).isEqualTo(3);
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
