package dev.torpedo.sms.impl.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.db.SchemaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The three databases the plugin supports. Each {@link #create()} makes a fresh, empty database with the
 * plugin's schema applied: PostgreSQL and MariaDB on the local servers (see DESIGN.md), H2 in memory.
 * A server that cannot be reached fails the test: a database test is never skipped.
 */
public enum TestDatabase {

    H2 {
        @Override
        String createDatabase(String name) {
            return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        }

        @Override
        void dropDatabase(String name) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name, "sa", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    },

    POSTGRESQL {
        private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

        @Override
        String createDatabase(String name) {
            admin(ADMIN_URL, "postgres", "CREATE DATABASE " + name);
            return "jdbc:postgresql://127.0.0.1:5432/" + name;
        }

        @Override
        void dropDatabase(String name) {
            admin(ADMIN_URL, "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        @Override
        String user() {
            return "postgres";
        }
    },

    MARIADB {
        private static final String ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/test";

        @Override
        String createDatabase(String name) {
            admin(ADMIN_URL, "root", "CREATE DATABASE " + name);
            return "jdbc:mariadb://127.0.0.1:3306/" + name;
        }

        @Override
        void dropDatabase(String name) {
            admin(ADMIN_URL, "root", "DROP DATABASE IF EXISTS " + name);
        }

        @Override
        String user() {
            return "root";
        }
    };

    /** Liquibase logs each changeset through java.util.logging; tests need only its warnings. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = quiet("liquibase");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static final List<String> TABLES = List.of("sms_message", "sms_credit_ledger", "sms_credit_account",
            "sms_credit_purchase", "sms_subscription", "sms_restock_event", "sms_suppression", "sms_sandbox_outbox",
            "sms_store_settings", "sms_rate_limit", "sms_erased_number", "sms_removal_code", "sms_parked_receipt");

    abstract String createDatabase(String name);

    abstract void dropDatabase(String name);

    String user() {
        return "sa";
    }

    /** A fresh database with the plugin's schema; close it to drop it. */
    public Db create() {
        String name = "torpedo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = createDatabase(name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user());
        config.setPassword("");
        config.setMaximumPoolSize(24);
        config.setPoolName(name().toLowerCase(Locale.ROOT) + "-" + name);
        HikariDataSource dataSource = new HikariDataSource(config);
        SchemaMigration.apply(dataSource);
        return new Db(this, name, dataSource);
    }

    private static void admin(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Database server at " + url + " is required for this test: " + e.getMessage(), e);
        }
    }

    /** A test database: its data source, a JdbcTemplate, transactions and its dialect. */
    public static final class Db implements AutoCloseable {
        private final TestDatabase kind;
        private final String name;
        private final HikariDataSource dataSource;
        private final JdbcTemplate jdbc;
        private final DataSourceTransactionManager transactionManager;
        private final Dialect dialect;

        Db(TestDatabase kind, String name, HikariDataSource dataSource) {
            this.kind = kind;
            this.name = name;
            this.dataSource = dataSource;
            this.jdbc = new NullBindingJdbcTemplate(dataSource);
            this.transactionManager = new DataSourceTransactionManager(dataSource);
            this.dialect = Dialect.of(dataSource);
        }

        public TestDatabase kind() {
            return kind;
        }

        public HikariDataSource dataSource() {
            return dataSource;
        }

        public JdbcTemplate jdbc() {
            return jdbc;
        }

        public DataSourceTransactionManager transactionManager() {
            return transactionManager;
        }

        public TransactionTemplate tx() {
            return new TransactionTemplate(transactionManager);
        }

        public Dialect dialect() {
            return dialect;
        }

        /** Empties every plugin table, for the next test. */
        public void reset() {
            TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        }

        /**
         * Every {@code table.column} of the plugin's tables (those named {@code sms_...}) whose text holds
         * {@code needle} in some row: how a test proves a value is gone from everywhere.
         */
        public List<String> textColumnsHolding(String needle) {
            List<String> holding = new java.util.ArrayList<>();
            try (Connection connection = dataSource.getConnection()) {
                var meta = connection.getMetaData();
                try (var columns = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                    while (columns.next()) {
                        String table = columns.getString("TABLE_NAME");
                        String column = columns.getString("COLUMN_NAME");
                        int type = columns.getInt("DATA_TYPE");
                        boolean text = type == java.sql.Types.VARCHAR || type == java.sql.Types.CHAR
                                || type == java.sql.Types.LONGVARCHAR || type == java.sql.Types.CLOB
                                || type == java.sql.Types.NVARCHAR;
                        if (text && table.toLowerCase(Locale.ROOT).startsWith("sms_")
                                && count(table, column + " LIKE ?", "%" + needle + "%") > 0) {
                            holding.add(table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return holding;
        }

        public long count(String table, String where, Object... args) {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + (where.isEmpty() ? "" : " WHERE " + where),
                    Long.class, args);
            return n == null ? 0 : n;
        }

        @Override
        public void close() {
            dataSource.close();
            kind.dropDatabase(name);
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }
}
