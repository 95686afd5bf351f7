package dev.torpedo.sms.impl.db;

import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaMigrationTest {

    abstract static class Contract extends DatabaseContract {

        Contract(TestDatabase database) {
            super(database);
        }

        @Test
        void theChangelogAppliesFromEmptyAndAgainChangesNothing() {
            long changeSets = db.count("DATABASECHANGELOG", "");
            assertThat(changeSets).isGreaterThanOrEqualTo(6);

            SchemaMigration.apply(db.dataSource());

            assertThat(db.count("DATABASECHANGELOG", "")).isEqualTo(changeSets);
        }

        @Test
        void aNumbersSignupsAreFoundByAnIndexNotByReadingTheWholeTable() {
            // Opt-out, removal and retention look a number's "Avise-me" signups up by recipient.
            List<String> leadingColumns = db.jdbc().execute((java.sql.Connection connection) -> {
                List<String> found = new java.util.ArrayList<>();
                for (String table : List.of("sms_subscription", "SMS_SUBSCRIPTION")) {
                    try (var rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, table, false,
                            false)) {
                        while (rs.next()) {
                            if (rs.getShort("ORDINAL_POSITION") == 1) {
                                found.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                            }
                        }
                    }
                }
                return found;
            });

            assertThat(leadingColumns).contains("recipient");
        }

        @Test
        void theDialectMatchesTheDatabase() {
            assertThat(db.dialect().name()).isEqualTo(db.kind().name().toLowerCase());
        }

        @Test
        void aDuplicateInsertIsHarmlessInsideTheCallersTransaction() {
            List<String> columns = List.of("recipient", "reason", "created_at");
            Object[] args = {"+5511912345678", "SAIR", DbTime.toDb(Instant.parse("2026-03-10T12:00:00Z"))};

            Boolean[] inserted = db.tx().execute(status -> new Boolean[]{
                    db.dialect().insertUnlessDuplicate(db.jdbc(), "sms_suppression", columns, args),
                    db.dialect().insertUnlessDuplicate(db.jdbc(), "sms_suppression", columns, args),
                    // the transaction is still usable after the duplicate
                    db.jdbc().queryForObject("SELECT COUNT(*) FROM sms_suppression", Long.class) == 1});

            assertThat(inserted).containsExactly(true, false, true);
        }

        @Test
        void aBalanceCannotGoNegativeEvenByDirectSql() {
            db.jdbc().update("INSERT INTO sms_credit_account (store_id, balance, free_granted, updated_at) VALUES (?, ?, ?, ?)",
                    "s1", 1, true, DbTime.toDb(Instant.parse("2026-03-10T12:00:00Z")));

            assertThatThrownBy(() -> db.jdbc().update("UPDATE sms_credit_account SET balance = balance - 2"))
                    .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        }

        @Test
        void instantsRoundTripAsUtc() {
            Instant instant = Instant.parse("2026-10-18T02:30:00.123456Z");
            db.jdbc().update("INSERT INTO sms_suppression (recipient, reason, created_at) VALUES (?, ?, ?)",
                    "+5511912345678", "SAIR", DbTime.toDb(instant));

            Instant read = db.jdbc().queryForObject("SELECT created_at FROM sms_suppression",
                    (rs, n) -> DbTime.fromDb(rs, "created_at"));

            assertThat(read).isEqualTo(instant);
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

        @Test
        void noIndexHoldsTheStatusSoRowsOfARareStatusAreFoundByIdAndTheClaimIndexHoldsOnlyQueuedRows() {
            List<String> indexes = db.jdbc().queryForList(
                    "SELECT indexdef FROM pg_indexes WHERE tablename = 'sms_message'", String.class);

            // The key columns, "btree (...)"; a partial index's predicate may name the status.
            assertThat(indexes).noneMatch(definition -> definition.matches(".*btree \\([^)]*\\bstatus\\b.*"));
            assertThat(indexes).contains(
                    "CREATE INDEX ix_sms_message_recipient ON public.sms_message USING btree (recipient)");
            assertThat(indexes).contains(
                    "CREATE INDEX ix_sms_message_claim ON public.sms_message USING btree (not_before, id)"
                            + " WHERE ((status)::text = 'QUEUED'::text)",
                    "CREATE INDEX ix_sms_message_lease ON public.sms_message USING btree (lease_until)"
                            + " WHERE (lease_until IS NOT NULL)",
                    "CREATE INDEX ix_sms_message_provider_id ON public.sms_message USING btree (gateway,"
                            + " provider_message_id) WHERE (provider_message_id IS NOT NULL)",
                    "CREATE INDEX ix_sms_message_waiting ON public.sms_message USING btree (store_id)"
                            + " WHERE ((status)::text = 'WAITING_CREDIT'::text)");
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
