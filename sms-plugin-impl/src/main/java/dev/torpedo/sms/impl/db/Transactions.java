package dev.torpedo.sms.impl.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Objects;

/**
 * Short transactions of their own (never a caller's), READ COMMITTED on every database (MariaDB's default
 * REPEATABLE READ takes gap locks that make concurrent claimers deadlock), run again, whole, when they lose a
 * deadlock: the dispatchers, the webhooks and the purchases compete for the same rows and credit accounts.
 *
 * <pre>{@code
 * var transactions = new Transactions(transactionManager);
 * int claimed = transactions.run(status -> claim(now, limit));
 * }</pre>
 */
public final class Transactions implements TransactionOperations {

    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final TransactionTemplate tx;

    public Transactions(PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /** {@link #run}, for code written against Spring's {@link TransactionOperations}. */
    @Override
    public <T> T execute(TransactionCallback<T> work) {
        return run(work);
    }

    /** Runs {@code work} in a new transaction; again, up to three times in all, if it loses a lock conflict. */
    public <T> T run(TransactionCallback<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("Transaction lost a lock conflict ({}); running it again", e.getClass().getSimpleName());
            }
        }
    }
}
