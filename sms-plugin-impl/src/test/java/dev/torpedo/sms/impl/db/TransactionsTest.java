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

            assertThat(transactions.<Boolean>run(status -> seesWhatOthersCommitMeanwhile(db.dataSource()))).isTrue();
            assertThat(transactions.atDatabaseDefault()).isEqualTo(readCommittedByDefault);
            assertThat(transactions.setsItsOwnLevel()).isEqualTo(db.kind() == TestDatabase.MARIADB);
            assertThat(transactions.<Boolean>run(status -> seesWhatOthersCommitMeanwhile(db.dataSource()))).isTrue();
            assertThat(new JdbcTemplate(db.dataSource()).execute((Connection c) -> c.getTransactionIsolation()))
                    .as("the connections keep the level they start with").isEqualTo(startingLevel());
        }

        @Test
        void aHostPoolThatStartsItsTransactionsRepeatableReadStillGetsReadCommitted() {
            try (HikariDataSource host = new HikariDataSource()) {
                host.setJdbcUrl(db.dataSource().getJdbcUrl());
                host.setUsername(db.dataSource().getUsername());
                host.setPassword(db.dataSource().getPassword());
                host.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
                Transactions transactions = new Transactions(new DataSourceTransactionManager(host));

                assertThat(new JdbcTemplate(host).execute((Connection c) -> seesWhatOthersCommitMeanwhile(host)))
                        .as("the pool's own level, outside the plugin's transactions").isFalse();
                assertThat(transactions.<Boolean>run(status -> seesWhatOthersCommitMeanwhile(host))).isTrue();
                assertThat(transactions.atDatabaseDefault()).isFalse();
                assertThat(new JdbcTemplate(host).execute((Connection c) -> c.getTransactionIsolation()))
                        .as("the host's own connections keep their level").isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            }
        }

        private int startingLevel() {
            return readCommittedByDefault ? Connection.TRANSACTION_READ_COMMITTED
                    : Connection.TRANSACTION_REPEATABLE_READ;
        }

        /**
         * Whether a transaction on {@code dataSource} (the one in progress on this thread, or a new one) sees a row
         * that another connection commits between two of its reads: READ COMMITTED does, REPEATABLE READ does not.
         */
        private boolean seesWhatOthersCommitMeanwhile(DataSource dataSource) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                boolean own = !DataSourceUtils.isConnectionTransactional(connection, dataSource);
                if (own) {
                    connection.setAutoCommit(false);
                }
                long before = grants(connection);
                try (Connection other = db.dataSource().getConnection()) {
                    other.setAutoCommit(true);
                    try (var insert = other.prepareStatement("INSERT INTO sms_credit_ledger (store_id, kind, delta,"
                            + " created_at) VALUES ('loja-1', 'GRANT', 10, CURRENT_TIMESTAMP)")) {
                        insert.executeUpdate();
                    }
                }
                boolean sees = grants(connection) == before + 1;
                if (own) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                return sees;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        private static long grants(Connection connection) throws SQLException {
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery("SELECT COUNT(*) FROM sms_credit_ledger WHERE kind = 'GRANT'")) {
                rs.next();
                return rs.getLong(1);
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
