package dev.torpedo.sms.impl.receipt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Objects;

/**
 * Short transactions of their own, READ COMMITTED on every database like the dispatcher's (MariaDB's default
 * REPEATABLE READ takes gap locks), run again when they lose a deadlock: a webhook competes for rows and
 * credit accounts with the dispatchers and with purchases.
 */
final class Transactions {

    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final TransactionTemplate tx;

    Transactions(PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    <T> T run(TransactionCallback<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("Webhook transaction lost a lock conflict ({}); running it again", e.getClass().getSimpleName());
            }
        }
    }
}
