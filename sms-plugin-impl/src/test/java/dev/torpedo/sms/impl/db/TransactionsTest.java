package dev.torpedo.sms.impl.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionsTest {

    abstract static class Contract extends DatabaseContract {

        private final boolean readCommittedByDefault;

        Contract(TestDatabase database, boolean readCommittedByDefault) {
            super(database);
            this.readCommittedByDefault = readCommittedByDefault;
        }

        @Test
        void everyTransactionIsReadCommittedAndItIsAskedForOnlyWhereTheDatabaseStartsOtherwise() {
            Transactions transactions = new Transactions(db.transactionManager());

            assertThat(transactions.<String>run(status -> levelInside(db.dataSource()))).isEqualTo(READ_COMMITTED);
            assertThat(transactions.atDatabaseDefault()).isEqualTo(readCommittedByDefault);
            assertThat(transactions.<String>run(status -> levelInside(db.dataSource()))).isEqualTo(READ_COMMITTED);
        }

        @Test
        void aHostPoolThatStartsItsTransactionsRepeatableReadStillGetsReadCommitted() {
            try (HikariDataSource host = new HikariDataSource()) {
                host.setJdbcUrl(db.dataSource().getJdbcUrl());
                host.setUsername(db.dataSource().getUsername());
                host.setPassword(db.dataSource().getPassword());
                host.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
                Transactions transactions = new Transactions(new DataSourceTransactionManager(host));

                assertThat(transactions.<String>run(status -> levelInside(host))).isEqualTo(READ_COMMITTED);
                assertThat(transactions.atDatabaseDefault()).isFalse();
                assertThat(new JdbcTemplate(host).execute((Connection c) -> c.getTransactionIsolation()))
                        .as("the host's own connections keep their level").isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            }
        }

        private static final String READ_COMMITTED = "READ COMMITTED";

        /** The level of the transaction in progress, as the server reports it. */
        private String levelInside(DataSource dataSource) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery(switch (db.kind()) {
                     case POSTGRESQL -> "SHOW transaction_isolation";
                     case MARIADB -> "SELECT @@tx_isolation";
                     case H2 -> "SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()";
                 })) {
                rs.next();
                return rs.getString(1).toUpperCase(java.util.Locale.ROOT).replace('-', ' ');
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabase.H2, true);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(TestDatabase.POSTGRESQL, true);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariadb extends Contract {
        OnMariadb() {
            super(TestDatabase.MARIADB, false);
        }
    }
}
