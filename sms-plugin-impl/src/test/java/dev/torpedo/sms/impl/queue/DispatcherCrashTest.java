package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that stops mid-drain, gracefully or not. A node that dies, simulated in-process: its sends never return and its lease runs out. It held only
 * the rows it was sending, so another node sends every other row exactly once, charged once, and UNCERTAIN is
 * what was on the wire, nothing more.
 */
class DispatcherCrashTest {

    static final StoreId STORE = StoreId.of("loja-1");
    static final int MESSAGES = 100;
    static final int SENDERS = 4;

    abstract static class Contract extends DatabaseContract {

        QueueRig rig;
        final CountDownLatch dead = new CountDownLatch(1);

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
            rig.give(STORE, 2 * MESSAGES);
        }

        @AfterEach
        void unwire() {
            dead.countDown();
            rig.close();
        }

        /** The dying node's provider: it takes each request and never answers while the node is "dead". */
        private final class Hung implements SmsGateway {
            final Set<String> onTheWire = ConcurrentHashMap.newKeySet();
            final CountDownLatch allBusy = new CountDownLatch(SENDERS);

            @Override
            public SendResult send(OutboundSms sms) {
                onTheWire.add(sms.messageId());
                allBusy.countDown();
                try {
                    dead.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SendResult.accepted("late-" + sms.messageId());
            }

            @Override
            public String name() {
                return "recording";
            }
        }

        @Test
        void theOtherNodeSendsEveryRowTheDeadOneNeverStartedOnceAndOnlyItsSendsInFlightAreUncertain() throws Exception {
            rig.insertDue(STORE, MESSAGES);
            Hung hung = new Hung();
            Dispatcher dying = rig.builder(hung).options(DispatcherOptions.defaults("node-dying")
                    .withConcurrency(SENDERS)).build();
            Thread node = new Thread(dying::runOnce, "dying-node");
            node.setDaemon(true);
            node.start();
            assertThat(hung.allBusy.await(30, TimeUnit.SECONDS)).as("the dying node's sends started").isTrue();

            // It holds only what it is sending: nothing waits in its queue under its lease.
            assertThat(db.count("sms_message", "status = 'SENDING'")).isEqualTo(SENDERS);

            rig.clock().advance(DispatcherOptions.defaults("x").lease().plus(Duration.ofMinutes(1)));
            try (Dispatcher survivor = rig.builder(rig.gateway()).options(DispatcherOptions.defaults("node-2")).build()) {
                survivor.drain();
            }

            Map<MessageStatus, Long> statuses = rig.countByStatus();
            assertThat(statuses).containsOnly(Map.entry(MessageStatus.SENT, (long) MESSAGES - SENDERS),
                    Map.entry(MessageStatus.UNCERTAIN, (long) SENDERS));
            assertThat(db.count("sms_message", "status = 'UNCERTAIN' AND reason = 'lease-expired'")).isEqualTo(SENDERS);
            assertThat(rig.gateway().messagesSentTwice()).isEmpty();
            assertThat(rig.gateway().messageIds()).doesNotContainAnyElementsOf(hung.onTheWire)
                    .hasSize(MESSAGES - SENDERS);
            // Charged once each: the uncertain ones because they may have gone out.
            assertThat(rig.debitedMessages(STORE)).isEqualTo(MESSAGES);
            assertThat(rig.ledger().balance(STORE)).isEqualTo(MESSAGES);

            // The "dead" node's answers come back after all: its lease is gone, so they change nothing.
            dead.countDown();
            node.join(TimeUnit.SECONDS.toMillis(30));
            dying.close();
            assertThat(rig.countByStatus()).isEqualTo(statuses);
        }

        @Test
        void aShutdownMidDrainFinishesWhatItSendsRecordsEveryOutcomeAndSendsNothingTwice() {
            List<Long> ids = rig.insertDue(STORE, MESSAGES);
            SmsGateway slow = new SmsGateway() {
                @Override
                public SendResult send(OutboundSms sms) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
                    return rig.gateway().send(sms);
                }

                @Override
                public String name() {
                    return rig.gateway().name();
                }
            };
            Dispatcher stopping = rig.builder(slow).options(DispatcherOptions.defaults("node-1")
                    .withConcurrency(SENDERS)).build();
            DispatcherLoop loop = new DispatcherLoop(stopping, null, Duration.ofMillis(20), rig.clock());
            loop.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> rig.gateway().callCount() >= MESSAGES / 4);

            loop.stop();
            assertThat(stopping.close(Duration.ofSeconds(10))).as("finished in time").isTrue();

            int sent = rig.gateway().callCount();
            assertThat(sent).isBetween(MESSAGES / 4, MESSAGES - 1);
            assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, (long) sent),
                    Map.entry(MessageStatus.QUEUED, (long) MESSAGES - sent));
            try (Dispatcher next = rig.dispatcher("node-2")) {
                next.drain();
            }
            assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, (long) MESSAGES));
            assertThat(rig.gateway().messagesSentTwice()).isEmpty();
            assertThat(rig.gateway().messageIds()).hasSize(ids.size());
            assertThat(rig.debitedMessages(STORE)).isEqualTo(MESSAGES);
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
