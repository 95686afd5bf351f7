package dev.torpedo.sms.impl.testing;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.credit.CreditPurchases;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.GeneratedKeys;
import dev.torpedo.sms.impl.encoding.SegmentCounter;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.queue.QueuedMessage;
import dev.torpedo.sms.impl.window.SendWindow;
import dev.torpedo.sms.impl.window.SendWindowOptions;

import org.springframework.transaction.PlatformTransactionManager;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The queue and credit components wired to one test database, a {@link MutableClock} and a
 * {@link RecordingGateway}, with helpers to put due messages in the queue (thousands at a time, by batch insert)
 * and to read back where they stand. Close it after each test: it closes the dispatchers it made.
 *
 * <pre>{@code
 * var rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
 * rig.give(store, 100);
 * List<Long> ids = rig.insertDue(store, 100);
 * rig.dispatcher("node-1").drain();
 * assertThat(rig.countByStatus()).containsEntry(MessageStatus.SENT, 100L);
 * }</pre>
 */
public final class QueueRig implements AutoCloseable {

    /** 2026-03-10 (a Tuesday) 12:00 in São Paulo: the send window is open for every DDD. */
    public static final Instant TUESDAY_NOON_SAO_PAULO = Instant.parse("2026-03-10T15:00:00Z");

    /** No jitter: equal jitter then waits exactly half the backoff, so delays can be asserted. */
    public static final RandomGenerator NO_JITTER = () -> 0L;

    /** The most jitter: equal jitter then waits the whole backoff. */
    public static final RandomGenerator MAX_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** A one-segment GSM-7 text, as the composer makes them. */
    public static final String BODY = "Loja Exemplo: recebemos seu pedido 1234. Obrigado! Contato: 1133334444";

    private static final String INSERT = "INSERT INTO sms_message (store_id, idempotency_key, kind, template_key,"
            + " approval_ref, recipient, recipient_masked, body, encoding, segments, status, not_before, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final TestDatabase.Db db;
    private final MutableClock clock;
    private final RecordingGateway gateway = new RecordingGateway();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final BrazilianCalendar calendar = new BrazilianCalendar();
    private final CreditLedger ledger;
    private final CreditPurchases purchases;
    private final SuppressionList suppressions;
    private final SendWindow window;
    private final MessageRepository messages;
    private final List<Dispatcher> dispatchers = new CopyOnWriteArrayList<>();
    private int keys;

    public QueueRig(TestDatabase.Db db, Instant now) {
        this.db = db;
        this.clock = new MutableClock(now);
        this.ledger = new CreditLedger(db.jdbc(), db.dialect(), clock);
        this.purchases = new CreditPurchases(db.jdbc(), db.transactionManager(), ledger, calendar, clock);
        this.suppressions = new SuppressionList(db.jdbc(), db.dialect(), clock);
        this.window = new SendWindow(clock, SendWindowOptions.defaults(), calendar);
        this.messages = new MessageRepository(db.jdbc(), db.dialect(), clock);
    }

    public TestDatabase.Db db() {
        return db;
    }

    public MutableClock clock() {
        return clock;
    }

    public RecordingGateway gateway() {
        return gateway;
    }

    public RecordingMetrics metrics() {
        return metrics;
    }

    public CreditLedger ledger() {
        return ledger;
    }

    public CreditPurchases purchases() {
        return purchases;
    }

    public SuppressionList suppressions() {
        return suppressions;
    }

    public SendWindow window() {
        return window;
    }

    public MessageRepository messages() {
        return messages;
    }

    /** A dispatcher with the default options, the rig's gateway and no jitter. */
    public Dispatcher dispatcher(String nodeId) {
        return dispatcher(DispatcherOptions.defaults(nodeId), NO_JITTER);
    }

    public Dispatcher dispatcher(DispatcherOptions options, RandomGenerator jitter) {
        return dispatcher(options, jitter, gateway);
    }

    /** A dispatcher on another gateway than the rig's recording one: a real provider gateway against WireMock. */
    public Dispatcher dispatcher(DispatcherOptions options, RandomGenerator jitter, SmsGateway gateway) {
        return dispatcher(options, jitter, gateway, metrics);
    }

    /**
     * A dispatcher with other metrics than the rig's recording ones, which keep every call: a benchmark of a
     * hundred thousand messages passes {@link QueueMetrics#NONE}.
     */
    public Dispatcher dispatcher(DispatcherOptions options, RandomGenerator jitter, SmsGateway gateway,
                                 QueueMetrics metrics) {
        Dispatcher dispatcher = builder(gateway).options(options).metrics(metrics).jitter(jitter).build();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    /**
     * A dispatcher's builder on the rig's database, ledger, suppressions, window and clock, without jitter: for a
     * test that sets something else (a gateway of its own, metrics, work after recording). The caller closes it.
     */
    public Dispatcher.Builder builder(SmsGateway gateway) {
        return builder(gateway, db.transactionManager());
    }

    /** The same, its transactions begun by {@code transactions}: for a test that makes them fail. */
    public Dispatcher.Builder builder(SmsGateway gateway, PlatformTransactionManager transactions) {
        return Dispatcher.builder(db.jdbc(), transactions, db.dialect(), gateway).ledger(ledger)
                .suppressions(suppressions).window(window).clock(clock).jitter(NO_JITTER);
    }

    /** Gives the store credits as a credited purchase would (a real purchase row, so its id is unique). */
    public void give(StoreId store, int credits) {
        long purchase = purchases.create(store, credits, 0);
        db.tx().executeWithoutResult(status -> ledger.add(store, credits, purchase));
    }

    /** A São Paulo mobile, distinct for each {@code n} below 100,000,000. */
    public static MobileNumber number(int n) {
        return number(11, n);
    }

    public static MobileNumber number(int ddd, int n) {
        return MobileNumber.of(String.format("+55%02d9%08d", ddd, n));
    }

    /** A composed message from real values, as the composer hands it to {@link MessageRepository#enqueue}. */
    public static Composition.Composed composed(StoreId store, String idempotencyKey, MobileNumber to, String text) {
        return new Composition.Composed(store, idempotencyKey, TemplateKey.ORDER_RECEIVED, "ANATEL-TEST-1", to,
                SegmentCounter.encode(text), false);
    }

    /** Enqueues a one-segment message the way the hook does (not before the window opens); returns its id. */
    public long enqueue(StoreId store, MobileNumber to) {
        String key = "order:" + (++keys) + ":created";
        messages.enqueue(composed(store, key, to, BODY), MessageKind.ORDER_CREATED, window.earliestSend(to));
        return messages.find(store, key).orElseThrow().id();
    }

    /** {@code count} one-segment messages due now, to distinct São Paulo mobiles; returns their ids in order. */
    public List<Long> insertDue(StoreId store, int count) {
        return insertDue(store, count, clock.instant());
    }

    /** {@code count} one-segment messages due at {@code notBefore}, by batch insert; returns their ids in order. */
    public List<Long> insertDue(StoreId store, int count, Instant notBefore) {
        int first = keys;
        keys += count;
        List<Object[]> rows = IntStream.range(first, first + count)
                .mapToObj(i -> row(store, bulkKey(i), number(i), BODY, 1, notBefore))
                .toList();
        return GeneratedKeys.insertAll(db.jdbc(), INSERT, rows);
    }

    private static String bulkKey(int n) {
        return String.format("bulk:%09d", n);
    }

    /** One message with its own recipient, text and due time; returns its id. */
    public long insertDue(StoreId store, MobileNumber to, String text, Instant notBefore) {
        String key = "single:" + (++keys);
        var encoded = SegmentCounter.encode(text);
        db.jdbc().update(INSERT, row(store, key, to, text, encoded.segments(), notBefore));
        return messages.find(store, key).orElseThrow().id();
    }

    private Object[] row(StoreId store, String key, MobileNumber to, String text, int segments, Instant notBefore) {
        var now = DbTime.toDb(clock.instant());
        return new Object[]{store.value(), key, MessageKind.ORDER_CREATED.name(), TemplateKey.ORDER_RECEIVED.value(),
                "ANATEL-TEST-1", to.e164(), to.masked(), text, SegmentCounter.encode(text).encoding().name(), segments,
                MessageStatus.QUEUED.name(), DbTime.toDb(notBefore), now, now};
    }

    public QueuedMessage message(long id) {
        return messages.find(id).orElseThrow();
    }

    /** How many messages are in each status (statuses with none are left out). */
    public Map<MessageStatus, Long> countByStatus() {
        Map<MessageStatus, Long> counts = new TreeMap<>();
        db.jdbc().query("SELECT status, COUNT(*) AS n FROM sms_message GROUP BY status",
                rs -> {
                    counts.put(MessageStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /** The sum of the store's ledger deltas, which must equal its balance. */
    public long ledgerSum(StoreId store) {
        Long sum = db.jdbc().queryForObject("SELECT COALESCE(SUM(delta), 0) FROM sms_credit_ledger WHERE store_id = ?",
                Long.class, store.value());
        return sum == null ? 0 : sum;
    }

    /** How many messages the store's DEBIT ledger rows paid for, in all. */
    public long debitedMessages(StoreId store) {
        Long sum = db.jdbc().queryForObject("SELECT COALESCE(SUM(message_count), 0) FROM sms_credit_ledger"
                + " WHERE store_id = ? AND kind = 'DEBIT'", Long.class, store.value());
        return sum == null ? 0 : sum;
    }

    public long ledgerRows(String kind, long messageId) {
        return db.count("sms_credit_ledger", "kind = ? AND message_id = ?", kind, messageId);
    }

    @Override
    public void close() {
        dispatchers.forEach(Dispatcher::close);
    }
}
