package dev.torpedo.sms.impl.db;

import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NullBindingJdbcTemplateTest {

    private static final String INSERT = "INSERT INTO sms_credit_ledger (store_id, kind, delta, message_id,"
            + " purchase_id, created_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final LocalDateTime AT = LocalDateTime.of(2026, 3, 10, 12, 0);

    abstract static class Contract extends DatabaseContract {

        Contract(TestDatabase database) {
            super(database);
        }

        @Test
        void nullArgumentsOfAnUpdateAreStoredAsNull() {
            new NullBindingJdbcTemplate(db.dataSource()).update(INSERT, "loja-1", "GRANT", 10, null, null, AT);

            assertThat(ledger()).containsExactly(Arrays.asList("loja-1", null, null));
        }

        @Test
        void nullArgumentsOfABatchAreStoredAsNullAndTheOthersAsGiven() {
            new NullBindingJdbcTemplate(db.dataSource()).batchUpdate(INSERT, List.of(
                    new Object[]{"loja-1", "DEBIT", -1, 7L, null, AT},
                    new Object[]{"loja-2", "PURCHASE", 100, null, 3L, AT}));

            assertThat(ledger()).containsExactly(Arrays.asList("loja-1", 7L, null), Arrays.asList("loja-2", null, 3L));
        }

        @Test
        void aNullArgumentOfAQueryMatchesNothing() {
            NullBindingJdbcTemplate jdbc = new NullBindingJdbcTemplate(db.dataSource());
            jdbc.update(INSERT, "loja-1", "GRANT", 10, null, null, AT);

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_credit_ledger WHERE message_id = ?", Long.class,
                    (Object) null)).isZero();
        }

        private List<List<Object>> ledger() {
            return db.jdbc().query("SELECT store_id, message_id, purchase_id FROM sms_credit_ledger ORDER BY store_id",
                    (rs, n) -> Arrays.asList(rs.getString(1), (Object) rs.getObject(2, Long.class),
                            rs.getObject(3, Long.class)));
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

        /** Spring's own template asks MariaDB's driver for a null's type: the driver prepares the statement to know. */
        @Test
        void aNullArgumentCostsMariadbNoServerPrepare() {
            assertThat(serverPreparesOf(new JdbcTemplate(db.dataSource()))).isEqualTo(1);
            assertThat(serverPreparesOf(new NullBindingJdbcTemplate(db.dataSource()))).isZero();
        }

        /** The server's prepares on one connection while {@code jdbc} runs an insert with null arguments. */
        private long serverPreparesOf(JdbcTemplate jdbc) {
            return db.tx().execute(status -> {
                long before = prepares(jdbc);
                jdbc.update(INSERT, "loja-1", "GRANT", 10, null, null, AT);
                return prepares(jdbc) - before;
            });
        }

        private static long prepares(JdbcTemplate jdbc) {
            Map<String, Object> row = jdbc.queryForMap("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'");
            return Long.parseLong(String.valueOf(row.get("Value")));
        }
    }
}
