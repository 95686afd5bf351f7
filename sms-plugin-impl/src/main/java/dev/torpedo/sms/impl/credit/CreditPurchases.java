package dev.torpedo.sms.impl.credit;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.PlatformTransactionManager;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * "Comprar crédito": a merchant creates a purchase, the platform operator confirms its payment, and the credits
 * reach the store's balance on the first business day strictly after the payment date (weekends, national
 * holidays and Carnival are not business days; Ash Wednesday is). {@link #creditDue()} is the scheduled job that
 * does the crediting; any number of nodes may run it at once. Thread-safe.
 *
 * <pre>{@code
 * long id = purchases.create(store, 500, 4_500);                       // 500 credits for R$ 45,00
 * purchases.confirmPayment(id, LocalDate.of(2027, 2, 5));              // paid the Friday before Carnival
 * purchases.find(id).orElseThrow().creditOn();                         // 2027-02-10, Ash Wednesday
 * purchases.creditDue();                                               // on 2027-02-10: credits it
 * }</pre>
 */
public final class CreditPurchases {

    /** Business days, and so "today" for the credit job, are those of Brasília time. */
    static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    static final int MAX_CREDITS = 100_000;

    private static final Logger log = LoggerFactory.getLogger(CreditPurchases.class);
    private static final String SELECT = "SELECT id, store_id, credits, amount_cents, status, created_at, paid_on,"
            + " credit_on, credited_at FROM sms_credit_purchase";

    private final JdbcOperations jdbc;
    private final Transactions perPurchase;
    private final CreditLedger ledger;
    private final BrazilianCalendar calendar;
    private final Clock clock;

    public CreditPurchases(JdbcOperations jdbc, PlatformTransactionManager transactions, CreditLedger ledger,
                           BrazilianCalendar calendar, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Each purchase is credited in a transaction of its own, never in a caller's, READ COMMITTED on every
        // database, and run again if it loses a deadlock to the dispatchers' debits on the same account.
        this.perPurchase = new Transactions(transactions);
    }

    /**
     * Records a purchase that waits for the operator to confirm its payment.
     *
     * @param credits     1 to 100,000
     * @param amountCents what the merchant pays, in centavos; 0 for a courtesy
     * @return the purchase's id
     */
    public long create(StoreId store, int credits, long amountCents) {
        Objects.requireNonNull(store, "store");
        if (credits < 1 || credits > MAX_CREDITS) {
            throw new IllegalArgumentException("A purchase is of 1 to " + MAX_CREDITS + " credits: " + credits);
        }
        if (amountCents < 0) {
            throw new IllegalArgumentException("A purchase's amount cannot be negative: " + amountCents);
        }
        var keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO sms_credit_purchase"
                    + " (store_id, credits, amount_cents, status, created_at) VALUES (?, ?, ?, ?, ?)", new String[]{"id"});
            insert.setString(1, store.value());
            insert.setInt(2, credits);
            insert.setLong(3, amountCents);
            insert.setString(4, PurchaseStatus.PENDING_PAYMENT.name());
            insert.setObject(5, DbTime.toDb(clock.instant()));
            return insert;
        }, keys);
        long id = generatedId(keys);
        log.info("Store {} created credit purchase {} of {} credits", store, id, credits);
        return id;
    }

    /** PostgreSQL and H2 name the key column, MariaDB calls it insert_id: take the only one there is. */
    private static long generatedId(GeneratedKeyHolder keys) {
        Map<String, Object> row = keys.getKeys();
        if (row == null || row.size() != 1) {
            throw new IllegalStateException("Expected the purchase's generated id, got " + row);
        }
        return ((Number) row.values().iterator().next()).longValue();
    }

    /**
     * The platform operator confirms that the purchase was paid on {@code paidOn}; its credits are due on the first
     * business day after it. Only a purchase waiting for payment can be confirmed: confirming it again (or a
     * cancelled one) throws {@link IllegalStateException}, so that an operator who confirms the wrong purchase
     * or date hears about it instead of being ignored.
     *
     * @param paidOn the payment date, not after today in Brasília
     * @throws NoSuchElementException if there is no such purchase
     * @throws IllegalStateException  if the purchase is not waiting for payment
     */
    public void confirmPayment(long purchaseId, LocalDate paidOn) {
        Objects.requireNonNull(paidOn, "paidOn");
        if (paidOn.isAfter(today())) {
            throw new IllegalArgumentException("A payment cannot be confirmed for a future date: " + paidOn);
        }
        LocalDate creditOn = calendar.firstBusinessDayAfter(paidOn);
        int updated = jdbc.update("UPDATE sms_credit_purchase SET status = ?, paid_on = ?, credit_on = ?"
                        + " WHERE id = ? AND status = ?", PurchaseStatus.PAID.name(), paidOn, creditOn, purchaseId,
                PurchaseStatus.PENDING_PAYMENT.name());
        if (updated == 0) {
            Purchase purchase = find(purchaseId).orElseThrow(() -> new NoSuchElementException("No credit purchase " + purchaseId));
            throw new IllegalStateException("Credit purchase " + purchaseId + " is " + purchase.status()
                    + ", not waiting for payment");
        }
        log.info("Credit purchase {} paid on {}: credits due on {}", purchaseId, paidOn, creditOn);
    }

    /**
     * Withdraws a purchase that was not paid.
     *
     * @throws IllegalStateException if it was paid already (or there is no such purchase waiting for payment)
     */
    public void cancel(long purchaseId) {
        if (jdbc.update("UPDATE sms_credit_purchase SET status = ? WHERE id = ? AND status = ?",
                PurchaseStatus.CANCELLED.name(), purchaseId, PurchaseStatus.PENDING_PAYMENT.name()) == 0) {
            throw new IllegalStateException("Credit purchase " + purchaseId + " is not waiting for payment");
        }
    }

    /**
     * The scheduled job: credits every paid purchase whose credit day has come (today in Brasília), each in a
     * transaction of its own that marks it credited and adds its credits, which also sends the store's messages
     * waiting for credit back to the queue. Several nodes may run it at once: a purchase is credited once. A
     * purchase that fails is logged and left for the next run.
     *
     * @return how many purchases this call credited
     */
    public int creditDue() {
        LocalDate today = today();
        List<Long> due = jdbc.queryForList("SELECT id FROM sms_credit_purchase WHERE status = ? AND credit_on <= ? ORDER BY id",
                Long.class, PurchaseStatus.PAID.name(), today);
        int credited = 0;
        for (long id : due) {
            try {
                if (Boolean.TRUE.equals(perPurchase.run(status -> credit(id)))) {
                    credited++;
                }
            } catch (RuntimeException e) {
                log.warn("Credit purchase {} could not be credited now; the next run tries again", id, e);
            }
        }
        return credited;
    }

    private boolean credit(long id) {
        // The conditional UPDATE is the claim: of two nodes, the second waits for the first's row lock and then
        // finds the purchase CREDITED.
        if (jdbc.update("UPDATE sms_credit_purchase SET status = ?, credited_at = ? WHERE id = ? AND status = ?",
                PurchaseStatus.CREDITED.name(), DbTime.toDb(clock.instant()), id, PurchaseStatus.PAID.name()) != 1) {
            return false;
        }
        Purchase purchase = find(id).orElseThrow();
        ledger.add(purchase.storeId(), purchase.credits(), id);
        log.info("Credit purchase {}: {} credits added to store {}", id, purchase.credits(), purchase.storeId());
        return true;
    }

    public Optional<Purchase> find(long purchaseId) {
        return jdbc.query(SELECT + " WHERE id = ?", ROW, purchaseId).stream().findFirst();
    }

    /** The store's purchases, newest first. */
    public List<Purchase> ofStore(StoreId store) {
        return jdbc.query(SELECT + " WHERE store_id = ? ORDER BY id DESC", ROW, store.value());
    }

    /** Every store's purchases waiting for the operator to confirm their payment, oldest first. */
    public List<Purchase> awaitingPayment(int limit) {
        return jdbc.query(SELECT + " WHERE status = ? ORDER BY id", ps -> {
            ps.setString(1, PurchaseStatus.PENDING_PAYMENT.name());
            ps.setMaxRows(limit);
        }, ROW);
    }

    /** The first business day after {@code paidOn}: when a purchase paid that day is credited. */
    public LocalDate creditDayFor(LocalDate paidOn) {
        return calendar.firstBusinessDayAfter(paidOn);
    }

    /** Today in Brasília, whose dates the purchases use. */
    public LocalDate today() {
        return clock.instant().atZone(BRASILIA).toLocalDate();
    }

    private static final RowMapper<Purchase> ROW = (rs, n) -> new Purchase(
            rs.getLong("id"),
            StoreId.of(rs.getString("store_id")),
            rs.getInt("credits"),
            rs.getLong("amount_cents"),
            PurchaseStatus.valueOf(rs.getString("status")),
            DbTime.fromDb(rs, "created_at"),
            rs.getObject("paid_on", LocalDate.class),
            rs.getObject("credit_on", LocalDate.class),
            DbTime.fromDb(rs, "credited_at"));
}
