package dev.torpedo.sms.impl.credit;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.SetStatements;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A store's prepaid credits (1 credit = 1 segment) and the ledger of every movement. The balance never goes
 * negative, under any concurrency: every debit is a conditional UPDATE ({@code balance >= ?}), and the schema's
 * CHECK backs it. Every movement writes one ledger row in the same transaction, so the sum of a store's ledger
 * deltas is its balance.
 *
 * <p><b>Transactions.</b> Every method runs in the caller's transaction and opens none: a method that changes
 * two tables must be called inside one (for example from a {@code TransactionTemplate}), or the ledger and the
 * balance may disagree after a crash. Thread-safe.
 *
 * <pre>{@code
 * var ledger = new CreditLedger(jdbc, Dialect.of(dataSource), clock);
 * tx.executeWithoutResult(s -> ledger.grantFreeCredits(store));          // 10 credits, once per store
 * List<Long> paid = tx.execute(s -> ledger.debit(store, List.of(new CreditLedger.Debit(messageId, 2))));
 * }</pre>
 */
public final class CreditLedger {

    /** What every store gets once, to try the service ("Testar"). */
    public static final int FREE_CREDITS = 10;

    private static final List<String> ACCOUNT_COLUMNS = List.of("store_id", "balance", "free_granted", "updated_at");
    private static final List<String> LEDGER_COLUMNS = List.of("store_id", "kind", "delta", "message_id", "purchase_id",
            "message_count", "created_at");
    private static final String INSERT_LEDGER = "INSERT INTO sms_credit_ledger (" + String.join(", ", LEDGER_COLUMNS)
            + ") VALUES " + SetStatements.placeholders(LEDGER_COLUMNS.size());
    /** A typed null: for an untyped one Spring would ask the driver for the column's type, a round trip on some. */
    private static final SqlParameterValue NO_ID = new SqlParameterValue(Types.BIGINT, null);
    private static final String DEBIT = "UPDATE sms_credit_account SET balance = balance - ?, updated_at = ?"
            + " WHERE store_id = ? AND balance >= ?";
    /** {@link #DEBIT} and its ledger line in one statement: 1 if the balance paid, 0 (and no line) if not. */
    private static final String DEBIT_WITH_LINE = "WITH debited AS (" + DEBIT + " RETURNING store_id)"
            + " INSERT INTO sms_credit_ledger (" + String.join(", ", LEDGER_COLUMNS) + ") SELECT store_id, ?, ?, ?, ?,"
            + " ?, ? FROM debited";
    private static final String CREDIT = "UPDATE sms_credit_account SET balance = balance + ?, updated_at = ?"
            + " WHERE store_id = ?";

    /**
     * Credits for one message, in the order the dispatcher would send them.
     *
     * @param credits the message's segments, at least 1
     */
    public record Debit(long messageId, int credits) {
        public Debit {
            if (credits < 1) {
                throw new IllegalArgumentException("A debit is at least 1 credit: " + credits);
            }
        }
    }

    private final JdbcOperations jdbc;
    private final Dialect dialect;
    private final Clock clock;

    public CreditLedger(JdbcOperations jdbc, Dialect dialect, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Gives the store its {@value #FREE_CREDITS} free credits unless it already had them; safe to call at every
     * occasion and from many threads at once. Writes two tables: call inside a transaction.
     *
     * @return whether this call granted them
     */
    public boolean grantFreeCredits(StoreId store) {
        LocalDateTime now = now();
        String flag = "SELECT free_granted FROM sms_credit_account WHERE store_id = ?";
        boolean granted;
        if (jdbc.queryForList(flag, Boolean.class, store.value()).isEmpty()) {
            // No account yet: create it with the grant. Of racing callers one inserts; the others find the key
            // taken and, reading again, the grant made (or, under REPEATABLE READ, no row in their snapshot: the
            // account is being made this very moment, most likely by a racing grant).
            granted = dialect.insertUnlessDuplicate(jdbc, "sms_credit_account", ACCOUNT_COLUMNS,
                    store.value(), FREE_CREDITS, true, now)
                    || jdbc.queryForList(flag, Boolean.class, store.value()).stream().anyMatch(Boolean.FALSE::equals)
                    && grantToExistingAccount(store, now);
        } else {
            // Straight to the conditional UPDATE, without a failed INSERT first: on MariaDB a duplicate key leaves
            // a shared lock that racing callers would each try to upgrade, and deadlock.
            granted = grantToExistingAccount(store, now);
        }
        if (granted) {
            jdbc.update(INSERT_LEDGER, store.value(), LedgerEntry.Kind.FREE_GRANT.name(), FREE_CREDITS, null, null, null,
                    now);
        }
        return granted;
    }

    /** For an account that a purchase or a dispatcher created first; the condition makes it once. */
    private boolean grantToExistingAccount(StoreId store, LocalDateTime now) {
        return jdbc.update("UPDATE sms_credit_account SET balance = balance + ?, free_granted = TRUE, updated_at = ?"
                + " WHERE store_id = ? AND free_granted = FALSE", FREE_CREDITS, now, store.value()) == 1;
    }

    /** The store's credits now; 0 for a store without an account. */
    public int balance(StoreId store) {
        List<Integer> balance = jdbc.queryForList("SELECT balance FROM sms_credit_account WHERE store_id = ?",
                Integer.class, store.value());
        return balance.isEmpty() ? 0 : balance.get(0);
    }

    /**
     * Takes the credits of {@code debits}, first come first served: in their order, stopping at the first that
     * does not fit (a later, cheaper message does not jump the queue). Writes one DEBIT ledger row for all the
     * messages paid for (the statement reads "100 messages, -100").
     * Call inside a transaction; when not everything fits, the store's account row stays locked until it ends, so
     * that a concurrent {@link #add} waits for it and then sees every message this transaction left waiting for
     * credit.
     *
     * @return the ids of the messages paid for, a prefix of {@code debits}
     */
    public List<Long> debit(StoreId store, List<Debit> debits) {
        if (debits.isEmpty()) {
            return List.of();
        }
        LocalDateTime now = now();
        int total = debits.stream().mapToInt(Debit::credits).sum();
        if (paysWhole(store, total, debits.size(), now)) {
            return debits.stream().map(Debit::messageId).toList();
        }
        lockAccount(store, now);
        List<Debit> paid = new ArrayList<>();
        for (Debit debit : debits) {
            if (jdbc.update(DEBIT, debit.credits(), now, store.value(), debit.credits()) != 1) {
                break;
            }
            paid.add(debit);
        }
        if (!paid.isEmpty()) {
            insertDebitLine(store, paid.stream().mapToInt(Debit::credits).sum(), paid.size(), now);
        }
        return paid.stream().map(Debit::messageId).toList();
    }

    /** Debits {@code total} with its ledger line if the balance has it all; changes nothing if not. */
    private boolean paysWhole(StoreId store, int total, int messages, LocalDateTime now) {
        if (dialect.updatesReturning()) {
            return jdbc.update(DEBIT_WITH_LINE, total, now, store.value(), total, LedgerEntry.Kind.DEBIT.name(),
                    -total, NO_ID, NO_ID, messages, now) == 1;
        }
        if (jdbc.update(DEBIT, total, now, store.value(), total) != 1) {
            return false;
        }
        insertDebitLine(store, total, messages, now);
        return true;
    }

    /**
     * One statement line for what a claim paid, however many messages: each message row keeps its own
     * credits_debited.
     */
    private void insertDebitLine(StoreId store, int credits, int messages, LocalDateTime now) {
        jdbc.update(INSERT_LEDGER, store.value(), LedgerEntry.Kind.DEBIT.name(), -credits, NO_ID, NO_ID, messages, now);
    }

    /**
     * Locks the store's account row, creating it empty if needed: a failed conditional UPDATE locks nothing, and
     * without the lock a purchase credited meanwhile could miss the messages this transaction is about to park.
     */
    private void lockAccount(StoreId store, LocalDateTime now) {
        // Plain FOR UPDATE reads the same on all three databases.
        String select = "SELECT balance FROM sms_credit_account WHERE store_id = ? FOR UPDATE";
        if (jdbc.queryForList(select, Integer.class, store.value()).isEmpty()) {
            dialect.insertUnlessDuplicate(jdbc, "sms_credit_account", ACCOUNT_COLUMNS, store.value(), 0, false, now);
            jdbc.queryForList(select, Integer.class, store.value());
        }
    }

    /**
     * Gives a message's credits back, once: a second refund of the same message changes nothing. Writes two
     * tables: call inside a transaction.
     *
     * @return whether this call refunded them
     */
    public boolean refund(StoreId store, long messageId, int credits) {
        if (credits < 1) {
            throw new IllegalArgumentException("A refund is at least 1 credit: " + credits);
        }
        LocalDateTime now = now();
        // The ledger's unique (kind, message_id) decides, so two nodes refunding the same message refund once.
        boolean first = dialect.insertUnlessDuplicate(jdbc, "sms_credit_ledger", LEDGER_COLUMNS,
                store.value(), LedgerEntry.Kind.REFUND.name(), credits, messageId, null, 1, now);
        if (first) {
            credit(store, credits, now);
        }
        return first;
    }

    /**
     * Adds a purchase's credits, once per purchase, creating the account if needed; the store's messages waiting
     * for credit go back to the queue in the same transaction. Writes three tables: call inside a transaction.
     */
    public void add(StoreId store, int credits, long purchaseId) {
        if (credits < 1) {
            throw new IllegalArgumentException("A purchase is at least 1 credit: " + credits);
        }
        LocalDateTime now = now();
        if (!dialect.insertUnlessDuplicate(jdbc, "sms_credit_ledger", LEDGER_COLUMNS,
                store.value(), LedgerEntry.Kind.PURCHASE.name(), credits, null, purchaseId, null, now)) {
            return;
        }
        // The account first: a dispatcher parking messages for lack of credit holds its lock, so this waits for
        // it, and the UPDATE below, a new statement, then sees the messages it parked. They are due from now on:
        // claims begin near the newest due rows (the queue's ClaimStart), not at ones due long ago.
        credit(store, credits, now);
        jdbc.update("UPDATE sms_message SET status = 'QUEUED', reason = NULL, not_before = ?, updated_at = ?"
                + " WHERE store_id = ? AND status = 'WAITING_CREDIT'", now, now, store.value());
    }

    private void credit(StoreId store, int credits, LocalDateTime now) {
        if (jdbc.update(CREDIT, credits, now, store.value()) == 1) {
            return;
        }
        if (!dialect.insertUnlessDuplicate(jdbc, "sms_credit_account", ACCOUNT_COLUMNS, store.value(), credits, false, now)) {
            // Someone created the account meanwhile.
            jdbc.update(CREDIT, credits, now, store.value());
        }
    }

    /** The store's most recent movements, newest first. */
    public List<LedgerEntry> entries(StoreId store, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return jdbc.query("SELECT kind, delta, message_id, purchase_id, message_count, created_at"
                + " FROM sms_credit_ledger WHERE store_id = ? ORDER BY id DESC LIMIT ?", (rs, n) -> new LedgerEntry(
                LedgerEntry.Kind.valueOf(rs.getString("kind")),
                rs.getInt("delta"),
                rs.getInt("message_count"),
                rs.getObject("message_id") == null ? null : rs.getLong("message_id"),
                rs.getObject("purchase_id") == null ? null : rs.getLong("purchase_id"),
                DbTime.fromDb(rs, "created_at")), store.value(), limit);
    }

    /**
     * Credits spent per local day in {@code zone}, from the day of {@code from} on: debits less refunds. The
     * ledger has one debit row per dispatcher claim, so a month is a few thousand rows at most.
     */
    public SortedMap<LocalDate, Integer> spentPerDay(StoreId store, Instant from, ZoneId zone) {
        SortedMap<LocalDate, Integer> days = new TreeMap<>();
        Instant start = from.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        jdbc.query("SELECT delta, created_at FROM sms_credit_ledger WHERE store_id = ? AND kind IN (?, ?)"
                        + " AND created_at >= ?",
                (RowCallbackHandler) rs -> days.merge(DbTime.fromDb(rs, "created_at").atZone(zone).toLocalDate(),
                        -rs.getInt("delta"), Integer::sum),
                store.value(), LedgerEntry.Kind.DEBIT.name(), LedgerEntry.Kind.REFUND.name(), DbTime.toDb(start));
        return days;
    }

    private LocalDateTime now() {
        return DbTime.toDb(clock.instant());
    }
}
