package dev.torpedo.sms.impl.testing;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.receipt.DeliveryReceipts;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.restock.SubscriptionRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Receipts and opt-outs wired to one test database, on top of a {@link QueueRig}: messages get to SENT or
 * UNCERTAIN through a real dispatcher, whose gateway carries the name the receipts will name ({@code zenvia},
 * {@code twilio}); {@link #snapshot()} shows that a refused or replayed webhook changed nothing.
 *
 * <pre>{@code
 * var rig = new ReceiptRig(db);
 * long id = rig.sent(QueueRig.number(1), "zenvia", "zen-1");
 * rig.receipts().apply(new Receipt("zenvia", "zen-1", ReceiptStatus.DELIVERED, "DELIVERED", null));
 * }</pre>
 */
public final class ReceiptRig implements AutoCloseable {

    public static final StoreId STORE = StoreId.of("loja-1");
    public static final int CREDITS = 100;

    private static final List<String> TABLES = List.of("sms_message", "sms_credit_account", "sms_credit_ledger",
            "sms_suppression", "sms_subscription");

    private final TestDatabase.Db db;
    private final QueueRig queue;
    private final SubscriptionRepository subscriptions;
    private final DeliveryReceipts receipts;
    private final OptOut optOut;

    public ReceiptRig(TestDatabase.Db db) {
        this.db = db;
        this.queue = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
        queue.give(STORE, CREDITS);
        this.subscriptions = new SubscriptionRepository(db.jdbc(), queue.clock());
        this.receipts = new DeliveryReceipts(db.jdbc(), db.transactionManager(), queue.ledger(), queue.clock());
        this.optOut = new OptOut(db.jdbc(), db.transactionManager(), queue.suppressions(), subscriptions,
                queue.ledger(), queue.clock());
    }

    public TestDatabase.Db db() {
        return db;
    }

    public QueueRig queue() {
        return queue;
    }

    public MutableClock clock() {
        return queue.clock();
    }

    public SubscriptionRepository subscriptions() {
        return subscriptions;
    }

    public DeliveryReceipts receipts() {
        return receipts;
    }

    public OptOut optOut() {
        return optOut;
    }

    /** A message the dispatcher sent through {@code gateway}, which answered with {@code providerId}; its id. */
    public long sent(MobileNumber to, String gateway, String providerId) {
        return dispatch(to, gateway, sms -> SendResult.accepted(providerId));
    }

    /** A message whose send through {@code gateway} timed out: UNCERTAIN, no provider id known; its id. */
    public long uncertain(MobileNumber to, String gateway) {
        return dispatch(to, gateway, sms -> SendResult.ambiguous("read timeout"));
    }

    /** A message waiting for tomorrow's window (QUEUED, nothing paid yet); its id. */
    public long queuedForTomorrow(MobileNumber to) {
        return queue.insertDue(STORE, to, QueueRig.BODY, clock().instant().plus(Duration.ofDays(1)));
    }

    private long dispatch(MobileNumber to, String gatewayName, Function<OutboundSms, SendResult> answer) {
        Instant now = clock().instant();
        long id = queue.insertDue(STORE, to, QueueRig.BODY, now);
        SmsGateway gateway = new SmsGateway() {
            @Override
            public SendResult send(OutboundSms sms) {
                return answer.apply(sms);
            }

            @Override
            public String name() {
                return gatewayName;
            }
        };
        try (Dispatcher dispatcher = queue.builder(gateway).options(DispatcherOptions.defaults("rig-node"))
                .afterRecorded(receipts::applyParkedHere).build()) {
            dispatcher.runOnce();
        }
        return id;
    }

    /** Every row of the tables receipts and opt-outs touch, in a stable order: equal snapshots, nothing changed. */
    public Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, db.jdbc().queryForList("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return rows;
    }

    /** One message column, as the database holds it. */
    public <T> T column(long messageId, String column, Class<T> type) {
        return db.jdbc().queryForObject("SELECT " + column + " FROM sms_message WHERE id = ?", type, messageId);
    }

    @Override
    public void close() {
        queue.close();
    }
}
