package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.receipt.Receipt;
import dev.torpedo.sms.impl.receipt.ReceiptStatus;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.ReceiptRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A provider whose delivery receipt reaches the plugin before its answer to the send reaches the dispatcher: the
 * receipt finds its row still SENDING, is kept, and lands as soon as the send's outcome is recorded. None is lost.
 */
class DispatcherReceiptsTest {

    static final int MESSAGES = 60;

    abstract static class Contract extends DatabaseContract {

        ReceiptRig rig;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new ReceiptRig(db);
        }

        @AfterEach
        void close() {
            rig.close();
        }

        /** A provider that posts the DELIVERED receipt of each message before it answers the send. */
        private SmsGateway receiptFirst(Function<OutboundSms, Receipt> receiptOf) {
            return new SmsGateway() {
                @Override
                public SendResult send(OutboundSms sms) {
                    rig.receipts().apply(receiptOf.apply(sms));
                    return SendResult.accepted("zen-" + sms.messageId());
                }

                @Override
                public String name() {
                    return "zenvia";
                }
            };
        }

        private Map<MessageStatus, Long> drainThrough(SmsGateway gateway) {
            List<Long> ids = rig.queue().insertDue(ReceiptRig.STORE, MESSAGES);
            try (Dispatcher dispatcher = rig.queue().builder(gateway).options(DispatcherOptions.defaults("node-1"))
                    .afterRecorded(rig.receipts()::applyParkedHere).build()) {
                assertThat(dispatcher.drain()).isEqualTo(ids.size());
            }
            return rig.queue().countByStatus();
        }

        @Test
        void receiptsNamingOurIdThatBeatTheAnswerAllLandAsDelivered() {
            Map<MessageStatus, Long> statuses = drainThrough(receiptFirst(sms -> new Receipt("zenvia",
                    "zen-" + sms.messageId(), ReceiptStatus.DELIVERED, "DELIVERED", null, Long.valueOf(sms.messageId()))));

            assertThat(statuses).containsExactly(Map.entry(MessageStatus.DELIVERED, (long) MESSAGES));
            assertThat(db.count("sms_parked_receipt", "")).isZero();
        }

        @Test
        void receiptsNamingOnlyTheProvidersIdThatBeatTheAnswerAllLandAsDelivered() {
            Map<MessageStatus, Long> statuses = drainThrough(receiptFirst(sms -> new Receipt("zenvia",
                    "zen-" + sms.messageId(), ReceiptStatus.DELIVERED, "DELIVERED", null)));

            assertThat(statuses).containsExactly(Map.entry(MessageStatus.DELIVERED, (long) MESSAGES));
            assertThat(db.count("sms_parked_receipt", "")).isZero();
        }

        @Test
        void anOutcomeIsRecordedAsItsSendReturnsNotWhenItsBatchEnds() {
            List<Long> ids = rig.queue().insertDue(ReceiptRig.STORE, 2);
            long first = ids.get(0);
            AtomicBoolean sawFirstSent = new AtomicBoolean();
            SmsGateway gateway = new SmsGateway() {
                @Override
                public SendResult send(OutboundSms sms) {
                    if (Long.parseLong(sms.messageId()) != first) {
                        // The second send returns only once the first one's outcome is in the database.
                        try {
                            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() ->
                                    rig.queue().message(first).status() == MessageStatus.SENT);
                            sawFirstSent.set(true);
                        } catch (ConditionTimeoutException notRecorded) {
                            // Left false: the assertion below says so.
                        }
                    }
                    return SendResult.accepted("zen-" + sms.messageId());
                }

                @Override
                public String name() {
                    return "zenvia";
                }
            };
            try (Dispatcher dispatcher = rig.queue().builder(gateway).options(DispatcherOptions.defaults("node-1"))
                    .build()) {
                dispatcher.runOnce();
            }

            assertThat(sawFirstSent).isTrue();
            assertThat(rig.queue().countByStatus()).containsExactly(Map.entry(MessageStatus.SENT, 2L));
        }

        @Test
        void aFailureReportThatBeatsTheAnswerFailsTheMessageOnceItsSendIsRecorded() {
            Map<MessageStatus, Long> statuses = drainThrough(receiptFirst(sms -> new Receipt("zenvia",
                    "zen-" + sms.messageId(), ReceiptStatus.UNDELIVERED, "NOT_DELIVERED", null)));

            assertThat(statuses).containsExactly(Map.entry(MessageStatus.FAILED, (long) MESSAGES));
            assertThat(db.count("sms_message", "reason = 'undelivered: NOT_DELIVERED'")).isEqualTo(MESSAGES);
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
