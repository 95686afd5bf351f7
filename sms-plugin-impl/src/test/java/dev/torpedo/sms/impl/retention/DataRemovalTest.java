package dev.torpedo.sms.impl.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** "Remover meus dados" in the engine: after it, no table of the plugin holds the number, on three databases. */
class DataRemovalTest {

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

    abstract static class Contract extends DatabaseContract {

        static final StoreId STORE = StoreId.of("loja-1");
        static final MobileNumber ANA = MobileNumber.of("+5511912345678");
        static final MobileNumber BIA = MobileNumber.of("+5521987654321");

        QueueRig rig;
        SubscriptionRepository subscriptions;
        DataRemoval removal;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
            subscriptions = new SubscriptionRepository(db.jdbc(), rig.clock());
            OptOut optOut = new OptOut(db.jdbc(), db.transactionManager(), rig.suppressions(), subscriptions,
                    rig.ledger(), rig.clock());
            removal = new DataRemoval(optOut, new RetentionJob(db.jdbc(), rig.clock()));
        }

        @Test
        void afterARemovalNoTableHoldsTheNumberAndItIsNeverMessagedAgain() {
            rig.give(STORE, 10);
            long sent = rig.enqueue(STORE, ANA);
            rig.dispatcher("n1").drain();
            long queued = rig.enqueue(STORE, ANA);
            // A retry that paid already: its credit must come back.
            db.jdbc().update("UPDATE sms_message SET credits_debited = 1 WHERE id = ?", queued);
            db.tx().executeWithoutResult(s -> rig.ledger().debit(STORE, java.util.List.of(new CreditLedger.Debit(queued, 1))));
            subscriptions.subscribe(STORE, "caneca", null, ANA, "v1", rig.clock().instant());
            subscriptions.subscribe(STORE, "caneca", null, BIA, "v1", rig.clock().instant());
            new SandboxSmsGateway(db.jdbc(), rig.clock()).send(new dev.torpedo.sms.api.spi.OutboundSms("99", STORE, ANA,
                    "Loja: teste", dev.torpedo.sms.api.MessageEncoding.GSM_7, 1));
            rig.suppressions().suppress(ANA, "reply:SAIR");
            int balance = rig.ledger().balance(STORE);
            assertThat(db.textColumnsHolding(ANA.e164())).isNotEmpty();

            DataRemoval.Removed removed = removal.remove(ANA);

            assertThat(db.textColumnsHolding(ANA.e164())).isEmpty();
            assertThat(db.textColumnsHolding(ANA.nationalNumber())).isEmpty();
            assertThat(removed.messagesCancelled()).isEqualTo(1);
            assertThat(removed.creditsRefunded()).isEqualTo(1);
            assertThat(rig.ledger().balance(STORE)).isEqualTo(balance + 1);
            assertThat(rig.messages().find(queued).orElseThrow().status()).isEqualTo(MessageStatus.CANCELLED);
            assertThat(rig.messages().find(sent).orElseThrow().recipientMasked()).isEqualTo(ANA.masked());
            assertThat(rig.suppressions().isSuppressed(ANA)).isTrue();
            assertThat(rig.suppressions().isSuppressed(BIA)).isFalse();
            assertThat(db.textColumnsHolding(BIA.e164())).containsExactly("sms_subscription.recipient");

            assertThat(removal.remove(ANA).rowsErased()).as("a second removal finds nothing").isZero();
        }
    }
}
