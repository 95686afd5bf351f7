package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.RecordingGateway.Reply;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The 09:00–18:00 window, in the recipient's time, with a clock the tests move. */
class DispatcherWindowTest {

    abstract static class Contract extends DatabaseContract {

        final StoreId store = StoreId.of("loja-1");
        QueueRig rig;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
            rig.give(store, 10);
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        private void at(String instant) {
            rig.clock().set(Instant.parse(instant));
        }

        @Test
        void aMessageEnqueuedAt22hInSaoPauloGoesOutAt09hTheNextDayAndNotAMinuteEarlier() {
            at("2026-03-11T01:00:00Z");                                  // Tuesday 22:00 in São Paulo
            long id = rig.enqueue(store, QueueRig.number(1));
            Dispatcher dispatcher = rig.dispatcher("node-1");

            assertThat(rig.message(id).notBefore()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
            assertThat(dispatcher.runOnce()).isZero();
            at("2026-03-11T11:59:00Z");                                  // Wednesday 08:59
            assertThat(dispatcher.runOnce()).isZero();
            assertThat(rig.gateway().callCount()).isZero();

            at("2026-03-11T12:00:00Z");                                  // 09:00
            assertThat(dispatcher.runOnce()).isEqualTo(1);

            QueuedMessage sent = rig.message(id);
            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.sentAt()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
            assertThat(rig.gateway().callsFor(id)).isEqualTo(1);
        }

        @Test
        void anAcreNumberAt1030BrasiliaTimeWaitsUntil11BrasiliaTime() {
            at("2026-03-10T13:30:00Z");                                  // 10:30 in Brasília, 08:30 in Rio Branco
            long acre = rig.enqueue(store, QueueRig.number(68, 1));
            long saoPaulo = rig.enqueue(store, QueueRig.number(11, 2));
            Dispatcher dispatcher = rig.dispatcher("node-1");

            assertThat(dispatcher.runOnce()).isEqualTo(1);
            assertThat(rig.message(saoPaulo).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(acre).status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(rig.message(acre).notBefore()).isEqualTo(Instant.parse("2026-03-10T14:00:00Z"));
            at("2026-03-10T13:59:59Z");
            assertThat(dispatcher.runOnce()).isZero();

            at("2026-03-10T14:00:00Z");                                  // 11:00 in Brasília, 09:00 in Rio Branco
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            assertThat(rig.message(acre).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(acre).sentAt()).isEqualTo(Instant.parse("2026-03-10T14:00:00Z"));
        }

        @Test
        void aDueRowWhoseWindowIsClosedMovesToTheNextOpeningWithoutBeingCharged() {
            at("2026-03-11T01:00:00Z");                                  // 22:00 in São Paulo
            long id = rig.insertDue(store, QueueRig.number(1), QueueRig.BODY, Instant.parse("2026-03-10T20:00:00Z"));

            assertThat(rig.dispatcher("node-1").runOnce()).isEqualTo(1);

            QueuedMessage deferred = rig.message(id);
            assertThat(deferred.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(deferred.notBefore()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
            assertThat(deferred.creditsDebited()).isZero();
            assertThat(deferred.attempts()).isZero();
            assertThat(rig.ledger().balance(store)).isEqualTo(10);
            assertThat(rig.gateway().callCount()).isZero();
        }

        @Test
        void aRowWhoseWindowClosesWithinTheClaimMarginWaitsForTheNextDay() {
            at("2026-03-10T20:59:59.500Z");                              // 17:59:59.5 in São Paulo
            long id = rig.insertDue(store, QueueRig.number(1), QueueRig.BODY, rig.clock().instant());

            rig.dispatcher("node-1").runOnce();

            assertThat(rig.message(id).notBefore()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
            assertThat(rig.message(id).creditsDebited()).isZero();
            assertThat(rig.gateway().callCount()).isZero();
        }

        @Test
        void aRowWhoseTurnComesAt18hWaitsForTheNextOpeningUncharged() {
            at("2026-03-10T20:59:59Z");                                  // 17:59:59 in São Paulo
            MobileNumber first = QueueRig.number(1);
            long early = rig.insertDue(store, first, QueueRig.BODY, Instant.parse("2026-03-10T20:59:58Z"));
            long late = rig.insertDue(store, QueueRig.number(2), QueueRig.BODY, Instant.parse("2026-03-10T20:59:59Z"));
            // One send at a time: the clock strikes 18:00 while the first is with the provider. The second is not
            // even claimed before then (a row is claimed only when a sender is free to send it).
            rig.gateway().when(early, Reply.after(() -> rig.clock().set(Instant.parse("2026-03-10T21:00:00Z")),
                    Reply.accepted()));
            Dispatcher dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-1").withConcurrency(1),
                    QueueRig.NO_JITTER);

            assertThat(dispatcher.runOnce()).isEqualTo(1);
            assertThat(rig.message(late).status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(dispatcher.runOnce()).as("claimed at 18:00, deferred").isEqualTo(1);

            assertThat(rig.message(early).status()).isEqualTo(MessageStatus.SENT);
            QueuedMessage held = rig.message(late);
            assertThat(held.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(held.notBefore()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
            assertThat(held.creditsDebited()).isZero();
            assertThat(held.attempts()).isZero();
            assertThat(rig.gateway().callsFor(late)).isZero();
            assertThat(rig.ledger().balance(store)).isEqualTo(9);

            at("2026-03-11T11:59:59Z");
            assertThat(dispatcher.runOnce()).isZero();
            at("2026-03-11T12:00:00Z");
            assertThat(dispatcher.runOnce()).isEqualTo(1);

            assertThat(rig.message(late).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(late).attempts()).isEqualTo(1);
            assertThat(rig.gateway().callsFor(late)).isEqualTo(1);
            assertThat(rig.ledger().balance(store)).isEqualTo(8);
            assertThat(rig.ledgerSum(store)).isEqualTo(8);                 // charged once, when first claimed
        }

        @Test
        void aMessageDueWhileTheWindowWasOpenIsNotSentOnceItHasClosed() {
            long id = rig.enqueue(store, QueueRig.number(1));
            rig.clock().advance(Duration.ofHours(7));                    // 19:00 in São Paulo: closed

            rig.dispatcher("node-1").runOnce();

            assertThat(rig.gateway().callsFor(id)).isZero();
            assertThat(rig.message(id).notBefore()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
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
