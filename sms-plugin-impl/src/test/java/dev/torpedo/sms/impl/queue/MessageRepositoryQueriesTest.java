package dev.torpedo.sms.impl.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.encoding.EncodedText;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The merchant's queries on the message table: search, an order's messages, counts, days, resends. */
class MessageRepositoryQueriesTest {

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
        static final StoreId OTHER = StoreId.of("loja-2");
        static final MobileNumber ANA = MobileNumber.of("+5511912345678");
        static final MobileNumber BIA = MobileNumber.of("+5521987654321");
        static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

        MutableClock clock;
        MessageRepository messages;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            clock = MutableClock.at("2026-12-01T15:00:00Z");
            messages = new MessageRepository(db.jdbc(), db.dialect(), clock);
        }

        private long enqueue(StoreId store, String key, MobileNumber to) {
            messages.enqueue(new Composition.Composed(store, key, TemplateKey.ORDER_RECEIVED, "TPD-1", to,
                    new EncodedText("Loja: pedido recebido. Contato: 1133334444", MessageEncoding.GSM_7, 42, 1), false),
                    MessageKind.ORDER_CREATED, clock.instant());
            return messages.find(store, key).orElseThrow().id();
        }

        @Test
        void anOrdersMessagesAreFoundByItsIdAndNoOtherOrders() {
            enqueue(STORE, "order:98:created", ANA);
            enqueue(STORE, "order:98:status:SHIPPED", ANA);
            enqueue(STORE, "order:981:created", ANA);
            enqueue(STORE, "order:9_8:created", ANA);
            enqueue(OTHER, "order:98:created", ANA);

            assertThat(messages.ofOrder(STORE, "98")).extracting(QueuedMessage::idempotencyKey)
                    .containsExactly("order:98:created", "order:98:status:SHIPPED");
            assertThat(messages.ofOrder(STORE, "9_8")).extracting(QueuedMessage::idempotencyKey)
                    .containsExactly("order:9_8:created");
            assertThat(messages.ofOrder(STORE, "9%")).isEmpty();
        }

        @Test
        void searchFiltersByStateNumberAndLastFourDigits() {
            long first = enqueue(STORE, "order:1:created", ANA);
            enqueue(STORE, "order:2:created", BIA);
            db.jdbc().update("UPDATE sms_message SET status = 'SENT' WHERE id = ?", first);

            assertThat(messages.search(STORE, MessageStatus.SENT, null, null, null, 10)).extracting(QueuedMessage::id)
                    .containsExactly(first);
            assertThat(messages.search(STORE, null, null, BIA, null, 10)).singleElement()
                    .extracting(QueuedMessage::recipientMasked).isEqualTo("+55 21 9****-4321");
            assertThat(messages.search(STORE, null, null, null, "5678", 10)).extracting(QueuedMessage::id)
                    .containsExactly(first);
            assertThat(messages.search(STORE, null, "2", null, null, 10)).singleElement()
                    .extracting(QueuedMessage::idempotencyKey).isEqualTo("order:2:created");
            assertThat(messages.search(OTHER, null, null, null, null, 10)).isEmpty();
            assertThat(messages.search(STORE, null, null, null, null, 1)).hasSize(1);
        }

        @Test
        void statesAreCountedPerStore() {
            long first = enqueue(STORE, "a", ANA);
            enqueue(STORE, "b", ANA);
            enqueue(OTHER, "c", ANA);
            db.jdbc().update("UPDATE sms_message SET status = 'FAILED' WHERE id = ?", first);

            assertThat(messages.countByStatus(STORE)).isEqualTo(Map.of(MessageStatus.QUEUED, 1L, MessageStatus.FAILED, 1L));
        }

        @Test
        void messagesAreCountedPerLocalDayNotPerUtcDay() {
            clock.set(java.time.Instant.parse("2026-11-30T12:00:00Z"));
            enqueue(STORE, "a", ANA);
            clock.set(java.time.Instant.parse("2026-12-01T01:00:00Z"));   // 22:00 on the 30th in São Paulo
            enqueue(STORE, "b", ANA);
            clock.set(java.time.Instant.parse("2026-12-01T15:00:00Z"));
            enqueue(STORE, "c", ANA);
            enqueue(OTHER, "d", ANA);

            assertThat(messages.perDay(STORE, clock.instant().minus(Duration.ofDays(29)), SAO_PAULO)).isEqualTo(Map.of(
                    LocalDate.of(2026, 11, 30), 2, LocalDate.of(2026, 12, 1), 1));
            assertThat(messages.perDay(STORE, clock.instant(), SAO_PAULO)).isEqualTo(Map.of(LocalDate.of(2026, 12, 1), 1));
        }

        @Test
        void anUncertainMessageIsResentOnceAsANewQueuedCopyThatNamesWhoAsked() {
            long id = enqueue(STORE, "order:7:created", ANA);
            assertThat(messages.resendUncertain(STORE, id, "ana", clock.instant())).as("not UNCERTAIN").isEmpty();
            db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN', credits_debited = 1 WHERE id = ?", id);

            assertThat(messages.resendUncertain(OTHER, id, "bia", clock.instant())).as("another store's").isEmpty();
            long resend = messages.resendUncertain(STORE, id, "ana", clock.instant()).orElseThrow();
            assertThat(messages.resendUncertain(STORE, id, "ana", clock.instant())).as("twice").isEmpty();

            QueuedMessage copy = messages.find(resend).orElseThrow();
            QueuedMessage original = messages.find(id).orElseThrow();
            assertThat(copy.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(copy.body()).isEqualTo(original.body());
            assertThat(copy.recipientMasked()).isEqualTo(original.recipientMasked());
            assertThat(copy.creditsDebited()).isZero();
            assertThat(copy.requestedBy()).isEqualTo("ana");
            assertThat(copy.resendOf()).isEqualTo(id);
            assertThat(original.status()).isEqualTo(MessageStatus.UNCERTAIN);
        }

        @Test
        void aPurgedUncertainMessageCannotBeResent() {
            long id = enqueue(STORE, "order:8:created", ANA);
            db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN', recipient = NULL, body = NULL WHERE id = ?", id);

            assertThat(messages.resendUncertain(STORE, id, "ana", clock.instant())).isEmpty();
        }

        @Test
        void theRequesterOfAManualMessageIsRecorded() {
            enqueue(STORE, "test:abc", ANA);

            messages.recordRequester(STORE, "test:abc", "ana@loja");

            assertThat(messages.find(STORE, "test:abc").orElseThrow().requestedBy()).isEqualTo("ana@loja");
        }
    }
}
