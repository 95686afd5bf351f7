package dev.torpedo.sms.impl.db;

import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each driver names the generated key its own way; both forms return the ids of the rows they inserted. */
class GeneratedKeysTest {

    private static final String INSERT = "INSERT INTO sms_credit_ledger (store_id, kind, delta, created_at)"
            + " VALUES (?, 'PURCHASE', ?, ?)";
    private static final LocalDateTime AT = LocalDateTime.of(2026, 3, 10, 12, 0);

    abstract static class Contract extends DatabaseContract {

        Contract(TestDatabase database) {
            super(database);
        }

        @Test
        void oneInsertReturnsItsRowsId() {
            long id = GeneratedKeys.insert(db.jdbc(), INSERT, "loja-1", 7, AT);

            assertThat(deltaOf(id)).isEqualTo(7);
        }

        @Test
        void aBatchReturnsEachRowsIdInTheOrderOfTheRows() {
            List<Object[]> rows = IntStream.rangeClosed(1, 5).mapToObj(n -> new Object[]{"loja-1", n * 10, AT}).toList();

            List<Long> ids = GeneratedKeys.insertAll(db.jdbc(), INSERT, rows);

            assertThat(ids).hasSize(5).doesNotHaveDuplicates();
            assertThat(ids.stream().map(this::deltaOf)).containsExactly(10, 20, 30, 40, 50);
        }

        private int deltaOf(long id) {
            return db.jdbc().queryForObject("SELECT delta FROM sms_credit_ledger WHERE id = ?", Integer.class, id);
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
