package dev.torpedo.sms.impl.optout;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionListTest {

    abstract static class Contract extends DatabaseContract {

        static final MobileNumber ANA = MobileNumber.of("+5511912345678");
        static final MobileNumber BIA = MobileNumber.of("+5521987654321");
        static final MobileNumber CAIO = MobileNumber.of("+5531991234567");

        SuppressionList suppression;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            suppression = new SuppressionList(db.jdbc(), db.dialect(), MutableClock.at("2026-03-10T13:00:00Z"));
        }

        @Test
        void aNumberIsSuppressedOnceAddedAndOnlyThatNumber() {
            assertThat(suppression.isSuppressed(ANA)).isFalse();

            assertThat(suppression.suppress(ANA, "SAIR")).isTrue();

            assertThat(suppression.isSuppressed(ANA)).isTrue();
            assertThat(suppression.isSuppressed(BIA)).isFalse();
        }

        @Test
        void addingANumberAgainChangesNothingAndSaysSo() {
            suppression.suppress(ANA, "SAIR");

            assertThat(suppression.suppress(ANA, "STOP")).isFalse();
            assertThat(db.jdbc().queryForObject("SELECT reason FROM sms_suppression WHERE recipient = ?", String.class,
                    ANA.e164())).isEqualTo("SAIR");
        }

        @Test
        void theReasonIsKeptUpToItsColumnsWidth() {
            String fits = "r".repeat(SuppressionList.MAX_REASON);
            suppression.suppress(ANA, fits);
            suppression.suppress(BIA, fits + "-and-more");

            assertThat(db.jdbc().queryForList("SELECT reason FROM sms_suppression ORDER BY recipient", String.class))
                    .containsExactly(fits, fits);
        }

        @Test
        void aForgottenNumberStaysSuppressedWithoutBeingKept() {
            suppression.suppress(ANA, "SAIR");
            suppression.forget(ANA);
            suppression.forget(BIA);   // erased without ever having asked to stop: suppressed too

            assertThat(db.count("sms_suppression", "recipient = ?", ANA.e164())).isZero();
            assertThat(suppression.isSuppressed(ANA)).isTrue();
            assertThat(suppression.isSuppressed(BIA)).isTrue();
            assertThat(suppression.isSuppressed(CAIO)).isFalse();
            assertThat(suppression.suppressedAmong(List.of(ANA, BIA, CAIO))).containsExactlyInAnyOrder(ANA, BIA);
        }

        @Test
        void theSuppressedNumbersAmongAThousandAreFoundWithAFewQueries() {
            List<MobileNumber> numbers = IntStream.range(0, 1_200)
                    .mapToObj(i -> MobileNumber.of(String.format("+55119%08d", 10_000_000 + i))).toList();
            List<MobileNumber> optedOut = List.of(numbers.get(0), numbers.get(499), numbers.get(500), numbers.get(1_199));
            optedOut.forEach(number -> suppression.suppress(number, "SAIR"));
            suppression.suppress(MobileNumber.of("+5521987654321"), "SAIR");

            assertThat(suppression.suppressedAmong(numbers)).containsExactlyInAnyOrderElementsOf(optedOut);
            assertThat(suppression.suppressedAmong(List.of(numbers.get(0), numbers.get(0)))).containsExactly(numbers.get(0));
            assertThat(suppression.suppressedAmong(List.of())).isEmpty();
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
