package dev.torpedo.sms.impl.db;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL that differs between the databases the plugin runs on. Everything else is shared.
 * All three lock due rows with {@code FOR UPDATE SKIP LOCKED} (PostgreSQL, MariaDB 10.6+, H2 2.2.220+); they
 * differ in how an INSERT that hits a unique key is made harmless inside the caller's transaction.
 * (MariaDB's ON DUPLICATE KEY UPDATE reports the row as affected unless the host's driver sets useAffectedRows,
 * and INSERT IGNORE would also hide truncation, so MariaDB uses the default.)
 */
public abstract class Dialect {

    /** Appended to a SELECT of due rows so that concurrent dispatchers claim disjoint rows without waiting. */
    public static final String FOR_UPDATE_SKIP_LOCKED = " FOR UPDATE SKIP LOCKED";

    Dialect() {
    }

    /** The dialect of the database behind {@code dataSource}, from its JDBC metadata. */
    public static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return forProduct(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot read the database's product name", e);
        }
    }

    static Dialect forProduct(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return new PostgresDialect();
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return new MariaDbDialect();
        }
        if (product.contains("h2")) {
            return new H2Dialect();
        }
        throw new IllegalStateException("Torpedo runs on PostgreSQL, MariaDB (10.6+) or H2 (2.2.220+), not on " + productName);
    }

    public abstract String name();

    /**
     * The statement that makes the transaction about to begin READ COMMITTED, that transaction alone, for a
     * database whose default is another level; empty where {@link Transactions} sets the session's level instead
     * (a statement before the transaction and one after it).
     */
    Optional<String> readCommittedNextTransaction() {
        return Optional.empty();
    }

    /**
     * Whether {@code ... ORDER BY ... LIMIT n FOR UPDATE SKIP LOCKED} locks only the rows it returns, in index
     * order, so that the first row a claim returns is the oldest due one that no other claim holds. PostgreSQL
     * and InnoDB lock as they walk the index. H2 does not: there a claim from the start was seen to return a row
     * due later than a queued row that no claim took, so its claims always look from the start of the queue.
     */
    public boolean locksInClaimOrder() {
        return false;
    }

    /**
     * A condition that a row's ({@code first}, {@code second}) comes at or after a key in that order, written so
     * that the database can start its walk of an index on ({@code first}, {@code second}) at the key, in one
     * descent; {@link #keyAtOrAfterArgs} gives its parameters. MariaDB uses an index only for this spelled-out
     * form (its row comparisons other than equality use none); PostgreSQL only for a row comparison.
     */
    public String keyAtOrAfter(String first, String second) {
        return "(" + first + " > ? OR " + first + " = ? AND " + second + " >= ?)";
    }

    /** The parameters of {@link #keyAtOrAfter} for the key ({@code first}, {@code second}). */
    public List<Object> keyAtOrAfterArgs(Object first, Object second) {
        return List.of(first, first, second);
    }

    /**
     * Whether an {@code UPDATE} can return the rows it changed ({@code RETURNING}) and feed another statement (a
     * data-modifying {@code WITH}): PostgreSQL. A claim then locks and leases its rows in one statement, and a
     * debit writes the account and its ledger line in one, each a round trip fewer.
     */
    public boolean updatesReturning() {
        return false;
    }

    /**
     * Inserts one row unless it hits a unique key, in which case nothing happens and the caller's transaction
     * stays usable (PostgreSQL aborts a transaction on any failed statement).
     *
     * @param columns the columns, matching {@code values} one for one
     * @return whether the row was inserted
     */
    public boolean insertUnlessDuplicate(JdbcOperations jdbc, String table, List<String> columns, Object... values) {
        if (columns.isEmpty() || columns.size() != values.length) {
            throw new IllegalArgumentException("One value per column: " + columns + " and " + values.length + " values");
        }
        return insertUnlessDuplicate(jdbc, insertStatement(table, columns), columns.get(0), values);
    }

    /**
     * Runs {@code insert} (a VALUES or a SELECT), made harmless on a unique-key hit; {@code anyColumn} names one
     * of its columns. By default the duplicate is caught: H2 and MariaDB roll back only the failed statement, not
     * the transaction.
     *
     * @return whether a row was inserted
     */
    public boolean insertUnlessDuplicate(JdbcOperations jdbc, String insert, String anyColumn, Object[] values) {
        try {
            return jdbc.update(insert, values) > 0;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    /**
     * Inserts the row, or replaces the values of the row with the same key, in one statement: concurrent upserts
     * of one key never fail and the last one wins whole. (An UPDATE then an INSERT deadlocks on MariaDB, whose
     * failed UPDATE and duplicate INSERT take locks that two racing writers each wait on.)
     *
     * @param key     the primary-key column, the first of {@code columns}
     * @param columns the columns, matching {@code values} one for one
     */
    public void upsert(JdbcOperations jdbc, String table, List<String> columns, Object... values) {
        if (columns.size() < 2 || columns.size() != values.length) {
            throw new IllegalArgumentException("A key, a value, and one value per column: " + columns);
        }
        jdbc.update(upsertStatement(table, columns.get(0), columns), values);
    }

    /** H2's MERGE, which PostgreSQL and MariaDB spell otherwise. */
    String upsertStatement(String table, String key, List<String> columns) {
        return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + key + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /**
     * Counts one hit in {@code key}'s window that starts at {@code windowStart}, in one statement: a new key or a
     * newer window starts again at 1. Concurrent hits on any node all count.
     */
    public void countHit(JdbcOperations jdbc, String key, java.time.LocalDateTime windowStart) {
        jdbc.update(countHitStatement(), key, windowStart);
    }

    /** The standard MERGE, which H2 runs; MariaDB has none, and PostgreSQL's upsert reads better. */
    String countHitStatement() {
        return "MERGE INTO sms_rate_limit t USING (VALUES (CAST(? AS VARCHAR(80)), CAST(? AS TIMESTAMP)))"
                + " AS s(bucket_key, window_start) ON t.bucket_key = s.bucket_key"
                + " WHEN MATCHED THEN UPDATE SET hits = CASE WHEN t.window_start = s.window_start THEN t.hits + 1 ELSE 1 END,"
                + " window_start = s.window_start"
                + " WHEN NOT MATCHED THEN INSERT (bucket_key, window_start, hits) VALUES (s.bucket_key, s.window_start, 1)";
    }

    /** {@code INSERT INTO table (columns) VALUES (?, ...)}. */
    static String insertStatement(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
