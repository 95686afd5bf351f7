package dev.torpedo.sms.impl.gateway.sandbox;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.ReceiptRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's far side: delivery reports once the send is recorded, each once; replies that opt a number out. */
class SandboxCarrierTest {

    static final MobileNumber ANA = QueueRig.number(1);

    abstract static class Contract extends DatabaseContract {

        ReceiptRig rig;
        SandboxSmsGateway sandbox;
        SandboxCarrier carrier;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new ReceiptRig(db);
            sandbox = new SandboxSmsGateway(db.jdbc(), rig.clock());
            carrier = new SandboxCarrier(sandbox, rig.receipts(), rig.optOut());
        }

        @AfterEach
        void close() {
            rig.close();
        }

        private long sendThroughTheSandbox() {
            long id = rig.queue().insertDue(ReceiptRig.STORE, ANA, QueueRig.BODY, rig.clock().instant());
            try (Dispatcher dispatcher = rig.queue().dispatcher(DispatcherOptions.defaults("node"), QueueRig.NO_JITTER,
                    sandbox)) {
                dispatcher.runOnce();
            }
            return id;
        }

        @Test
        void aSentMessageIsReportedDeliveredOnceAndOnlyOnce() {
            long id = sendThroughTheSandbox();
            assertThat(rig.queue().message(id).status()).isEqualTo(MessageStatus.SENT);

            assertThat(carrier.reportDeliveries()).isEqualTo(1);

            assertThat(rig.queue().message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(carrier.reportDeliveries()).isZero();
        }

        @Test
        void aReportThatComesBeforeTheSendIsRecordedIsKeptAndAppliedOnceItIs() {
            // The outbox row exists but the dispatcher has not recorded the send: the receipt must wait.
            long id = rig.queue().insertDue(ReceiptRig.STORE, ANA, QueueRig.BODY, rig.clock().instant());
            db.jdbc().update("UPDATE sms_message SET status = 'SENDING' WHERE id = ?", id);
            sandbox.send(new OutboundSms(Long.toString(id), ReceiptRig.STORE, ANA,
                    QueueRig.BODY, MessageEncoding.GSM_7, 1));
            String providerId = "sandbox-" + sandbox.inbox(ANA, 1).get(0).id();

            assertThat(carrier.reportDeliveries()).isEqualTo(1);
            assertThat(rig.queue().message(id).status()).isEqualTo(MessageStatus.SENDING);
            assertThat(rig.receipts().applyParked()).isZero();

            db.jdbc().update("UPDATE sms_message SET status = 'SENT', gateway = 'sandbox', provider_message_id = ?"
                    + " WHERE id = ?", providerId, id);
            assertThat(rig.receipts().applyParked()).isEqualTo(1);
            assertThat(rig.queue().message(id).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(carrier.reportDeliveries()).isZero();
        }

        @Test
        void aReplySairOptsTheNumberOutAndCancelsWhatWaits() {
            long waiting = rig.queuedForTomorrow(ANA);

            OptOut.Result result = carrier.reply(ANA, "sair");

            assertThat(result.outcome()).isEqualTo(OptOut.Outcome.OPTED_OUT);
            assertThat(rig.queue().suppressions().isSuppressed(ANA)).isTrue();
            assertThat(rig.queue().message(waiting).status()).isEqualTo(MessageStatus.CANCELLED);
        }

        @Test
        void anyOtherReplyChangesNothing() {
            assertThat(carrier.reply(ANA, "Obrigada!").outcome()).isEqualTo(OptOut.Outcome.NOT_A_KEYWORD);
            assertThat(rig.queue().suppressions().isSuppressed(ANA)).isFalse();
        }

        @Test
        void theRecentRecipientsAreTheLatestFirst() {
            MobileNumber bia = QueueRig.number(2);
            sandbox.send(new OutboundSms("1", ReceiptRig.STORE, ANA, "Oi",
                    MessageEncoding.GSM_7, 1));
            sandbox.send(new OutboundSms("2", ReceiptRig.STORE, bia, "Oi",
                    MessageEncoding.GSM_7, 1));
            sandbox.send(new OutboundSms("3", ReceiptRig.STORE, ANA, "Oi",
                    MessageEncoding.GSM_7, 1));

            assertThat(sandbox.recentRecipients(10)).containsExactly(ANA, bia);
            assertThat(sandbox.recentRecipients(1)).containsExactly(ANA);
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
