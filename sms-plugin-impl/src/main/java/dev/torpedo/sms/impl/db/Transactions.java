package dev.torpedo.sms.impl.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
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
 * <p>Where the database already starts its transactions READ COMMITTED (PostgreSQL's and H2's default), they run
 * at that default instead of asking for it: asking makes Spring read the connection's level first, which
 * PostgreSQL's driver does with a query, a round trip more for every transaction. The default is read once,
 * from a connection of the transaction manager's data source, at the first transaction.
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
    private final TransactionTemplate readCommitted;
    /** {@link #readCommitted}, or one at the database's default once that is known to be READ COMMITTED. */
    private volatile TransactionTemplate tx;

    public Transactions(PlatformTransactionManager transactions) {
        this.manager = Objects.requireNonNull(transactions, "transactions");
        this.readCommitted = template(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /** {@link #run}, for code written against Spring's {@link TransactionOperations}. */
    @Override
    public <T> T execute(TransactionCallback<T> work) {
        return run(work);
    }

    /** Runs {@code work} in a new transaction; again, up to three times in all, if it loses a lock conflict. */
    public <T> T run(TransactionCallback<T> work) {
        TransactionTemplate template = template();
        for (int attempt = 1; ; attempt++) {
            try {
                return template.execute(work);
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
        return template() != readCommitted;
    }

    private TransactionTemplate template() {
        TransactionTemplate known = tx;
        if (known != null) {
            return known;
        }
        if (!(manager instanceof DataSourceTransactionManager jdbc) || jdbc.getDataSource() == null) {
            // Another kind of manager (JTA, JPA): its connections cannot be looked at here, so always ask.
            tx = readCommitted;
            return readCommitted;
        }
        try {
            boolean readCommittedByDefault = defaultLevel(jdbc.getDataSource()) == Connection.TRANSACTION_READ_COMMITTED;
            tx = readCommittedByDefault ? template(TransactionDefinition.ISOLATION_DEFAULT) : readCommitted;
            log.debug("Transactions at {}", readCommittedByDefault ? "the database's default, READ COMMITTED"
                    : "READ COMMITTED, asked for each time");
        } catch (SQLException | RuntimeException databaseAway) {
            // Ask this time, and look again at the next transaction.
            return readCommitted;
        }
        return tx;
    }

    private static int defaultLevel(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getTransactionIsolation();
        }
    }

    private TransactionTemplate template(int isolation) {
        TransactionTemplate template = new TransactionTemplate(manager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        template.setIsolationLevel(isolation);
        return template;
    }
}
