package dev.torpedo.sms.impl.optout;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionListBatchTest {

    abstract static class Contract extends DatabaseContract {

        Contract(TestDatabase database) {
            super(database);
        }

        @Test
        void theSuppressedNumbersAmongAThousandAreFoundWithAFewQueries() {
            SuppressionList suppression = new SuppressionList(db.jdbc(), db.dialect(), MutableClock.at("2026-03-10T13:00:00Z"));
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
