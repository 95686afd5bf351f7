package dev.torpedo.sms.impl.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Short transactions of their own (never a caller's), READ COMMITTED on every database (MariaDB's default
 * REPEATABLE READ takes gap locks that make concurrent claimers deadlock), run again, whole, when they lose a
 * deadlock: the dispatchers, the webhooks and the purchases compete for the same rows and credit accounts.
 *
 * <p>The level costs as few round trips as the database allows. Where it already starts its transactions READ
 * COMMITTED (PostgreSQL's and H2's default), they run at that default instead of asking for it: asking makes Spring
 * read the connection's level first, which PostgreSQL's driver does with a query. On MariaDB, whose default is
 * REPEATABLE READ, each transaction begins with the dialect's statement that sets the level of that transaction
 * alone ({@link Dialect#readCommittedNextTransaction()}): Spring's way sets the session's level before the
 * transaction and sets it back after, two statements instead of one, and leaves the host's connection at the wrong
 * level if the second fails. The default is read once, from a connection of the transaction manager's data source,
 * at the first transaction.
 *
 * <pre>{@code
 * var transactions = new Transactions(transactionManager);
 * int claimed = transactions.run(status -> claim(now, limit));
 * }</pre>
 */
public final class Transactions implements TransactionOperations {

    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final PlatformTransactionManager manager;
    private final Way askingSpring;
    /** How transactions get READ COMMITTED, once the database's default and kind are known. */
    private volatile Way way;

    public Transactions(PlatformTransactionManager transactions) {
        this.manager = Objects.requireNonNull(transactions, "transactions");
        this.askingSpring = new Way(template(TransactionDefinition.ISOLATION_READ_COMMITTED), null, null);
    }

    /** {@link #run}, for code written against Spring's {@link TransactionOperations}. */
    @Override
    public <T> T execute(TransactionCallback<T> work) {
        return run(work);
    }

    /** Runs {@code work} in a new transaction; again, up to three times in all, if it loses a lock conflict. */
    public <T> T run(TransactionCallback<T> work) {
        Way current = way();
        for (int attempt = 1; ; attempt++) {
            try {
                return current.template().execute(status -> {
                    if (current.levelStatement() != null) {
                        current.jdbc().execute(current.levelStatement());
                    }
                    return work.doInTransaction(status);
                });
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("Transaction lost a lock conflict ({}); running it again", e.getClass().getSimpleName());
            }
        }
    }

    /** Whether transactions run at the database's default level, found to be READ COMMITTED; for tests. */
    boolean atDatabaseDefault() {
        Way current = way();
        return current != askingSpring && current.levelStatement() == null;
    }

    /** Whether each transaction sets its own level with a statement of its own; for tests. */
    boolean setsItsOwnLevel() {
        return way().levelStatement() != null;
    }

    private Way way() {
        Way known = way;
        if (known != null) {
            return known;
        }
        if (!(manager instanceof DataSourceTransactionManager jdbc) || jdbc.getDataSource() == null) {
            // Another kind of manager (JTA, JPA): its connections cannot be looked at here, so always ask.
            way = askingSpring;
            return askingSpring;
        }
        DataSource dataSource = jdbc.getDataSource();
        try {
            Way found = wayFor(dataSource);
            way = found;
            log.debug("Transactions READ COMMITTED {}", found == askingSpring ? "asked of Spring each time"
                    : found.levelStatement() != null ? "by a statement of each transaction"
                    : "by the database's default");
            return found;
        } catch (SQLException | RuntimeException databaseAway) {
            // Ask this time, and look again at the next transaction.
            return askingSpring;
        }
    }

    private Way wayFor(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED) {
                return new Way(template(TransactionDefinition.ISOLATION_DEFAULT), null, null);
            }
            return Dialect.forProduct(connection.getMetaData().getDatabaseProductName()).readCommittedNextTransaction()
                    .map(statement -> new Way(template(TransactionDefinition.ISOLATION_DEFAULT), statement,
                            new JdbcTemplate(dataSource)))
                    .orElse(askingSpring);
        }
    }

    private TransactionTemplate template(int isolation) {
        TransactionTemplate template = new TransactionTemplate(manager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        template.setIsolationLevel(isolation);
        return template;
    }

    /**
     * A way to READ COMMITTED: a template, and where the transaction sets its level itself, the statement that does
     * it and what runs it ({@code null} both where the template's level is enough).
     */
    private record Way(TransactionTemplate template, String levelStatement, JdbcTemplate jdbc) {
    }
}
