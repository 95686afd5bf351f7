package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database goes away while sends are out: their outcomes wait for it, within the lease, and are recorded SENT
 * when it comes back, instead of the rows turning UNCERTAIN. Past the lease, they are left for lease recovery.
 */
class DispatcherDatabaseAwayTest {

    static final StoreId STORE = StoreId.of("loja-1");

    abstract static class Contract extends DatabaseContract {

        QueueRig rig;
        final AtomicBoolean away = new AtomicBoolean();
        /** The node's own view of the database: no connection while {@link #away}. */
        DelegatingDataSource node;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
            rig.give(STORE, 10);
            node = new DelegatingDataSource(db.dataSource()) {
                @Override
                public Connection getConnection() throws SQLException {
                    if (away.get()) {
                        throw new SQLTransientConnectionException("the database is away");
                    }
                    return super.getConnection();
                }
            };
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        /**
         * A provider that takes every message, while the database goes away behind the node's back at the first
         * send (and stays away until a test brings it back).
         */
        SmsGateway acceptingWhileTheDatabaseGoes() {
            AtomicInteger ids = new AtomicInteger();
            AtomicBoolean gone = new AtomicBoolean();
            return new SmsGateway() {
                @Override
                public SendResult send(OutboundSms sms) {
                    if (gone.compareAndSet(false, true)) {
                        away.set(true);
                    }
                    return SendResult.accepted("prov-" + ids.incrementAndGet());
                }
            };
        }

        Dispatcher dispatcher(Dispatcher.Pause pause, Duration lease) {
            return Dispatcher.builder(new NullBindingJdbcTemplate(node), new DataSourceTransactionManager(node),
                            db.dialect(), acceptingWhileTheDatabaseGoes())
                    .ledger(rig.ledger()).suppressions(rig.suppressions()).window(rig.window()).clock(rig.clock())
                    .jitter(QueueRig.NO_JITTER).retryPause(pause)
                    .options(DispatcherOptions.defaults("node-1").withConcurrency(4).withBatchesInFlight(1)
                            .withLease(lease))
                    .build();
        }

        @Test
        void outcomesWaitForTheDatabaseWithinTheLeaseAndAreRecordedWhenItComesBack() {
            List<Long> ids = rig.insertDue(STORE, 4);
            AtomicInteger pauses = new AtomicInteger();
            // The third pause finds the database back.
            try (Dispatcher dispatcher = dispatcher(nanos -> {
                if (pauses.incrementAndGet() == 3) {
                    away.set(false);
                }
            }, Duration.ofMinutes(2))) {
                assertThat(dispatcher.runOnce()).isEqualTo(4);
            }

            assertThat(pauses.get()).isEqualTo(3);
            assertThat(ids).allSatisfy(id -> assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENT));
            assertThat(rig.ledger().balance(STORE)).isEqualTo(10 - 4);
        }

        @Test
        void pastTheLeaseTheRowsAreLeftSendingForLeaseRecovery() {
            List<Long> ids = rig.insertDue(STORE, 2);
            List<Duration> pauses = new java.util.ArrayList<>();
            // The lease (300 ms) runs out on the clock while the recorder waits: 100 ms, then 200 ms would pass it.
            try (Dispatcher dispatcher = dispatcher(nanos -> {
                pauses.add(Duration.ofNanos(nanos));
                rig.clock().advance(Duration.ofNanos(nanos));
            }, Duration.ofMillis(300))) {
                assertThatThrownBy(dispatcher::runOnce).isInstanceOf(RuntimeException.class);
            }
            away.set(false);

            // One pause per group recorded (the two sends may return apart): each stops before the lease would pass.
            assertThat(pauses).isNotEmpty().allMatch(Duration.ofMillis(100)::equals);

            assertThat(ids).allSatisfy(id -> assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENDING));
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
