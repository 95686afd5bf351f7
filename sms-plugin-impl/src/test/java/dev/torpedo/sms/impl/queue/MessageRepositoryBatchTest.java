package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.encoding.EncodedText;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRepositoryBatchTest {

    static final StoreId STORE = StoreId.of("42");
    static final MobileNumber ANA = MobileNumber.of("+5511912345678");
    static final MobileNumber BIA = MobileNumber.of("+5521987654321");

    static Composition.Composed composed(String key, MobileNumber to) {
        return new Composition.Composed(STORE, key, TemplateKey.BACK_IN_STOCK, "ANATEL-1", to,
                new EncodedText("Loja: Caneca voltou ao estoque!", MessageEncoding.GSM_7, 31, 1), false);
    }

    abstract static class Contract extends DatabaseContract {

        MutableClock clock;
        MessageRepository messages;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            clock = MutableClock.at("2026-03-10T13:00:00Z");
            messages = new MessageRepository(db.jdbc(), db.dialect(), clock);
        }

        @Test
        void aBatchWritesTheSameRowsAsOneAtATime() {
            Instant later = clock.instant().plus(Duration.ofHours(2));
            messages.enqueue(composed("one", ANA), MessageKind.BACK_IN_STOCK, later);

            int inserted = messages.enqueueAll(List.of(composed("batch-1", ANA), composed("batch-2", BIA)),
                    MessageKind.BACK_IN_STOCK, to -> to.equals(ANA) ? later : clock.instant());

            assertThat(inserted).isEqualTo(2);
            QueuedMessage one = messages.find(STORE, "one").orElseThrow();
            QueuedMessage batched = messages.find(STORE, "batch-1").orElseThrow();
            assertThat(batched).usingRecursiveComparison().ignoringFields("id", "idempotencyKey").isEqualTo(one);
            assertThat(messages.find(STORE, "batch-2").orElseThrow().notBefore()).isEqualTo(clock.instant());
        }

        @Test
        void batchesRecordSkippedAndRejectedRowsLikeTheSingleMethods() {
            messages.recordSkipped(composed("one-skipped", ANA), MessageKind.BACK_IN_STOCK, "suppressed");
            messages.recordRejected(new Composition.Rejected(STORE, "one-rejected", TemplateKey.BACK_IN_STOCK,
                    "phone-landline"), MessageKind.BACK_IN_STOCK);

            assertThat(messages.recordSkippedAll(List.of(composed("skipped", ANA)), MessageKind.BACK_IN_STOCK,
                    "suppressed")).isEqualTo(1);
            assertThat(messages.recordRejectedAll(List.of(new Composition.Rejected(STORE, "rejected",
                    TemplateKey.BACK_IN_STOCK, "phone-landline")), MessageKind.BACK_IN_STOCK)).isEqualTo(1);

            assertThat(messages.find(STORE, "skipped").orElseThrow()).usingRecursiveComparison()
                    .ignoringFields("id", "idempotencyKey").isEqualTo(messages.find(STORE, "one-skipped").orElseThrow());
            assertThat(messages.find(STORE, "rejected").orElseThrow()).usingRecursiveComparison()
                    .ignoringFields("id", "idempotencyKey").isEqualTo(messages.find(STORE, "one-rejected").orElseThrow());
            assertThat(messages.enqueueAll(List.of(), MessageKind.BACK_IN_STOCK, to -> clock.instant())).isZero();
        }

        @Test
        void aKeyTheStoreAlreadyHasFailsTheBatchInsteadOfVanishing() {
            messages.enqueue(composed("taken", ANA), MessageKind.BACK_IN_STOCK, clock.instant());

            assertThatThrownBy(() -> db.tx().executeWithoutResult(tx -> messages.enqueueAll(
                    List.of(composed("fresh", BIA), composed("taken", ANA)), MessageKind.BACK_IN_STOCK,
                    to -> clock.instant()))).isInstanceOf(DataIntegrityViolationException.class);

            assertThat(db.count("sms_message", "")).isEqualTo(1);
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
