package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A claim from a point of the claim index ({@link ClaimStart.Point}): what it takes, in both statement forms. */
class MessageRepositoryClaimTest {

    abstract static class Contract extends DatabaseContract {

        final StoreId store = StoreId.of("loja-1");
        QueueRig rig;
        Instant opening;
        /** Six rows due at one time, as a fan-out's, then two a second later and one not yet due. */
        List<Long> run;
        List<Long> later;
        long notYetDue;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
            opening = rig.clock().instant().minus(Duration.ofMinutes(1));
            run = rig.insertDue(store, 6, opening);
            later = rig.insertDue(store, 2, opening.plusSeconds(1));
            notYetDue = rig.insertDue(store, 1, rig.clock().instant().plusSeconds(60)).get(0);
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        @Test
        void aClaimFromARowOfARunTakesThatRowAndWhatComesAfterItButNotTheRunsEarlierRows() {
            ClaimStart.Point third = new ClaimStart.Point(opening, run.get(2));

            assertThat(ids(rig.messages().takeDue(third, rig.clock().instant(), 100, "node-1",
                    rig.clock().instant().plusSeconds(60)).rows()))
                    .containsExactlyElementsOf(concat(run.subList(2, 6), later));
        }

        @Test
        void aClaimFromATimeTakesEveryRowDueThenOrLaterUpToNow() {
            assertThat(ids(rig.messages().takeDue(ClaimStart.Point.at(opening.plusSeconds(1)),
                    rig.clock().instant(), 100, "node-1", rig.clock().instant().plusSeconds(60)).rows()))
                    .containsExactlyElementsOf(later);
            assertThat(rig.message(notYetDue).status()).isEqualTo(MessageStatus.QUEUED);
        }

        @Test
        void theLockingFormTakesTheSameRowsAsTheLeasingOne() {
            ClaimStart.Point third = new ClaimStart.Point(opening, run.get(2));

            List<Long> locked = db.tx().execute(status ->
                    ids(rig.messages().lockDue(third, rig.clock().instant(), 3)));

            assertThat(locked).containsExactlyElementsOf(run.subList(2, 5));
        }

        private static List<Long> ids(List<DueRow> rows) {
            return rows.stream().map(DueRow::id).toList();
        }

        private static List<Long> concat(List<Long> first, List<Long> second) {
            List<Long> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
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
