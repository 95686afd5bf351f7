package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.SetStatements;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes messages into the queue table and reads them back. Inserts join the caller's transaction (the host's,
 * for a hook) and are idempotent: the same store and idempotency key make one row, however often or however
 * concurrently they are written. The dispatcher's parts change the rows' states through it too (claims, leases,
 * outcomes), so that all SQL on the table is here.
 */
public final class MessageRepository {

    static final String TABLE = "sms_message";
    private static final List<String> COLUMNS = List.of("store_id", "idempotency_key", "kind", "template_key",
            "approval_ref", "recipient", "recipient_masked", "body", "encoding", "segments", "status", "reason",
            "not_before", "created_at", "updated_at");
    /** The JDBC type of each of {@link #COLUMNS}, for the typed nulls of batches. */
    private static final int[] COLUMN_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR,
            Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP, Types.TIMESTAMP};
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + String.join(", ", COLUMNS) + ") VALUES ("
            + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";
    static final String SELECT = "SELECT id, store_id, idempotency_key, kind, template_key, recipient_masked, body,"
            + " segments, status, reason, not_before, attempts, credits_debited, provider_message_id, created_at, sent_at,"
            + " requested_by, resend_of FROM " + TABLE;
    /** A resend copies the UNCERTAIN row as a new QUEUED one: the same text to the same number, charged again. */
    private static final String RESEND = "INSERT INTO " + TABLE + " (store_id, idempotency_key, kind, template_key,"
            + " approval_ref, recipient, recipient_masked, body, encoding, segments, status, not_before, created_at,"
            + " updated_at, requested_by, resend_of) SELECT store_id, ?, kind, template_key, approval_ref, recipient,"
            + " recipient_masked, body, encoding, segments, 'QUEUED', ?, ?, ?, ?, id FROM " + TABLE
            + " WHERE id = ? AND store_id = ? AND status = 'UNCERTAIN' AND recipient IS NOT NULL AND body IS NOT NULL";
    /** The escape character of LIKE patterns: the same on all three databases (a backslash is not, on MariaDB). */
    private static final char LIKE_ESCAPE = '!';

    private final JdbcOperations jdbc;
    private final Dialect dialect;
    private final Clock clock;
    /** {@link #LOCK_DUE} and {@link #TAKE_DUE} from a point of the claim index on ({@link ClaimStart.Point}). */
    private final String lockDueFrom;
    private final String takeDueFrom;

    public MessageRepository(JdbcOperations jdbc, Dialect dialect, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
        String fromPoint = dialect.keyAtOrAfter("not_before", "id") + " AND not_before <= ?";
        this.lockDueFrom = LOCK_DUE_COLUMNS + " AND " + fromPoint + LOCK_DUE_ORDER;
        this.takeDueFrom = TAKE_DUE.formatted(fromPoint);
    }

    /**
     * Queues a composed message to go out at {@code notBefore} or later.
     *
     * @return {@code false} when the store already has a message with this idempotency key
     */
    public boolean enqueue(Composition.Composed message, MessageKind kind, Instant notBefore) {
        return insert(queuedRow(message, kind, Objects.requireNonNull(notBefore, "not before"), clock.instant()));
    }

    /** Records a message that could not be made, with its reason, so that the merchant sees it. */
    public boolean recordRejected(Composition.Rejected rejected, MessageKind kind) {
        return insert(rejectedRow(rejected, kind, clock.instant()));
    }

    /** Records a message not sent by rule (the number opted out): nothing is charged, and it is never retried. */
    public boolean recordSkipped(Composition.Composed message, MessageKind kind, String reason) {
        return insert(skippedRow(message, kind, reason, clock.instant()));
    }

    /**
     * Queues composed messages in one JDBC batch, each to go out at {@code notBefore.apply(recipient)} or later.
     * For fan-outs that built the idempotency keys themselves and hold them unique (a restock wave, one key per
     * subscription): unlike {@link #enqueue}, a key the store already has fails the batch, and with it the
     * caller's transaction, rather than being skipped. Callers size the batches.
     *
     * @return the number of rows inserted
     */
    public int enqueueAll(List<Composition.Composed> messages, MessageKind kind,
                          Function<MobileNumber, Instant> notBefore) {
        Instant now = clock.instant();
        return insertAll(messages.stream()
                .map(m -> queuedRow(m, kind, Objects.requireNonNull(notBefore.apply(m.recipient()), "not before"), now))
                .toList());
    }

    /** {@link #recordRejected} for many messages, in one JDBC batch; the same caveats as {@link #enqueueAll}. */
    public int recordRejectedAll(List<Composition.Rejected> rejected, MessageKind kind) {
        Instant now = clock.instant();
        return insertAll(rejected.stream().map(r -> rejectedRow(r, kind, now)).toList());
    }

    /** {@link #recordSkipped} for many messages, in one JDBC batch; the same caveats as {@link #enqueueAll}. */
    public int recordSkippedAll(List<Composition.Composed> messages, MessageKind kind, String reason) {
        Instant now = clock.instant();
        return insertAll(messages.stream().map(m -> skippedRow(m, kind, reason, now)).toList());
    }

    private static Object[] queuedRow(Composition.Composed message, MessageKind kind, Instant notBefore, Instant now) {
        return row(message.storeId(), message.idempotencyKey(), kind, message.template(), message.approvalReference(),
                message.recipient(), message.text().text(), message.text().encoding().name(), message.text().segments(),
                MessageStatus.QUEUED, null, notBefore, now);
    }

    private static Object[] rejectedRow(Composition.Rejected rejected, MessageKind kind, Instant now) {
        return row(rejected.storeId(), rejected.idempotencyKey(), kind, rejected.template(), null, null, null, null,
                0, MessageStatus.REJECTED, rejected.reason(), now, now);
    }

    private static Object[] skippedRow(Composition.Composed message, MessageKind kind, String reason, Instant now) {
        return row(message.storeId(), message.idempotencyKey(), kind, message.template(), message.approvalReference(),
                message.recipient(), null, null, 0, MessageStatus.SKIPPED, reason, now, now);
    }

    /** One row's values, in the order of {@link #COLUMNS}: the only place that knows that order. */
    private static Object[] row(StoreId store, String key, MessageKind kind, TemplateKey template, String approval,
                                MobileNumber recipient, String body, String encoding, int segments,
                                MessageStatus status, String reason, Instant notBefore, Instant now) {
        var created = DbTime.toDb(now);
        return new Object[]{store.value(), key, kind.name(), template.value(), approval,
                recipient == null ? null : recipient.e164(), recipient == null ? null : recipient.masked(),
                body, encoding, segments, status.name(), clip(reason), DbTime.toDb(notBefore), created, created};
    }

    private boolean insert(Object[] row) {
        return dialect.insertUnlessDuplicate(jdbc, TABLE, COLUMNS, row);
    }

    private int insertAll(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        // Typed nulls: given an untyped null (a rejected row has no body), Spring asks the driver for the
        // parameter's type, which costs a round trip on some drivers.
        int[] counts = jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Object[] row = rows.get(i);
                for (int c = 0; c < row.length; c++) {
                    Object value = row[c];
                    if (value == null) {
                        ps.setNull(c + 1, COLUMN_TYPES[c]);
                    } else if (value instanceof String text) {
                        ps.setString(c + 1, text);
                    } else if (value instanceof Integer number) {
                        ps.setInt(c + 1, number);
                    } else {
                        ps.setObject(c + 1, value);
                    }
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
        int inserted = 0;
        for (int count : counts) {
            // Some drivers answer SUCCESS_NO_INFO for batched statements; a failed one throws instead.
            inserted += count == Statement.SUCCESS_NO_INFO ? 1 : count;
        }
        return inserted;
    }

    /** Reasons come partly from host code (a handler's veto): keep them within their column, and without NUL. */
    static String clip(String reason) {
        String clean = reason == null ? null : reason.replace("\u0000", "");
        return clean == null || clean.length() <= 200 ? clean : clean.substring(0, 197) + "...";
    }

    public Optional<QueuedMessage> find(StoreId store, String idempotencyKey) {
        return jdbc.query(SELECT + " WHERE store_id = ? AND idempotency_key = ?", ROW, store.value(), idempotencyKey)
                .stream().findFirst();
    }

    public Optional<QueuedMessage> find(long id) {
        return jdbc.query(SELECT + " WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The store's most recent messages, newest first. */
    public List<QueuedMessage> recent(StoreId store, int limit) {
        return jdbc.query(SELECT + " WHERE store_id = ? ORDER BY id DESC", ps -> {
            ps.setString(1, store.value());
            ps.setMaxRows(limit);
        }, ROW);
    }

    /**
     * Notes who asked for a message by hand ("Testar", the order page), in the caller's transaction, right after
     * it was recorded.
     */
    public void recordRequester(StoreId store, String idempotencyKey, String requestedBy) {
        jdbc.update("UPDATE " + TABLE + " SET requested_by = ? WHERE store_id = ? AND idempotency_key = ?",
                clipUser(requestedBy), store.value(), idempotencyKey);
    }

    /**
     * Queues an UNCERTAIN message again, as a new message with the same text and number, at {@code notBefore}:
     * the provider may have it already, so the shopper may get it twice; {@code requestedBy} chose that. Each
     * UNCERTAIN message is resent at most once (its resend's idempotency key is derived from its own).
     *
     * @return the new message's id, or empty when the store has no such UNCERTAIN message, its number or text was
     *         purged, or it was resent already
     */
    public Optional<Long> resendUncertain(StoreId store, long id, String requestedBy, Instant notBefore) {
        Optional<QueuedMessage> original = find(id).filter(m -> m.storeId().equals(store));
        if (original.isEmpty()) {
            return Optional.empty();
        }
        String key = resendKey(original.get().idempotencyKey());
        var now = DbTime.toDb(clock.instant());
        // Nothing inserted: not UNCERTAIN (any more), purged, or resent already (the key is taken).
        boolean inserted = dialect.insertUnlessDuplicate(jdbc, RESEND, "store_id", new Object[]{key,
                DbTime.toDb(notBefore), now, now, clipUser(requestedBy), id, store.value()});
        return inserted ? find(store, key).map(QueuedMessage::id) : Optional.empty();
    }

    /** The idempotency key of a message's resend: unique per original, so a double click resends once. */
    static String resendKey(String originalKey) {
        String key = originalKey + ":resend";
        // Keys are at most 200 characters; a long one keeps a unique tail.
        return key.length() <= 200 ? key : key.substring(0, 180) + ":" + Integer.toHexString(key.hashCode()) + ":resend";
    }

    private static String clipUser(String user) {
        return user == null || user.length() <= 120 ? user : user.substring(0, 120);
    }

    /**
     * The store's messages matching a search, newest first: optionally of one state, and optionally of one order
     * (by the order id in their key) or one number (a full number, or the last four digits that its masked form
     * shows).
     *
     * @param status   the state, or {@code null} for all
     * @param orderId  an order id, or {@code null}
     * @param number   a full number to match exactly, or {@code null}
     * @param lastFour four digits the number ends with, or {@code null}
     */
    public List<QueuedMessage> search(StoreId store, MessageStatus status, String orderId, MobileNumber number,
                                      String lastFour, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE store_id = ?");
        List<Object> args = new ArrayList<>(List.of(store.value()));
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (orderId != null) {
            sql.append(" AND idempotency_key LIKE ? ESCAPE '").append(LIKE_ESCAPE).append("'");
            args.add(orderKeyPattern(orderId));
        }
        if (number != null) {
            sql.append(" AND recipient = ?");
            args.add(number.e164());
        }
        if (lastFour != null) {
            if (!lastFour.matches("\\d{4}")) {
                throw new IllegalArgumentException("Four digits, not " + lastFour);
            }
            sql.append(" AND recipient_masked LIKE ?");
            args.add("%-" + lastFour);
        }
        sql.append(" ORDER BY id DESC");
        return jdbc.query(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, (String) args.get(i));
            }
            ps.setMaxRows(limit);
        }, ROW);
    }

    /** Every message of an order (received, each status, manual sends and their resends), oldest first. */
    public List<QueuedMessage> ofOrder(StoreId store, String orderId) {
        return jdbc.query(SELECT + " WHERE store_id = ? AND idempotency_key LIKE ? ESCAPE '" + LIKE_ESCAPE
                + "' ORDER BY id", ROW, store.value(), orderKeyPattern(orderId));
    }

    /** {@code order:<id>:%}, with the id's own LIKE wildcards escaped. */
    private static String orderKeyPattern(String orderId) {
        StringBuilder pattern = new StringBuilder("order:");
        for (char c : orderId.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                pattern.append(LIKE_ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append(":%").toString();
    }

    /** How many of the store's messages are in each state; states without messages are absent. */
    public Map<MessageStatus, Long> countByStatus(StoreId store) {
        Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
        jdbc.query("SELECT status, COUNT(*) AS n FROM " + TABLE + " WHERE store_id = ? GROUP BY status",
                (RowCallbackHandler) rs -> counts.put(MessageStatus.valueOf(rs.getString("status")), rs.getLong("n")),
                store.value());
        return counts;
    }

    /**
     * The store's messages created per local day in {@code zone}, from the day of {@code from} on. Rows are
     * counted as they stream by, so a busy store's month costs memory for its days only.
     */
    public SortedMap<LocalDate, Integer> perDay(StoreId store, Instant from, ZoneId zone) {
        SortedMap<LocalDate, Integer> days = new TreeMap<>();
        LocalDate first = from.atZone(zone).toLocalDate();
        Instant start = first.atStartOfDay(zone).toInstant();
        jdbc.query("SELECT created_at FROM " + TABLE + " WHERE store_id = ? AND created_at >= ?",
                (RowCallbackHandler) rs -> days.merge(DbTime.fromDb(rs, "created_at").atZone(zone).toLocalDate(), 1,
                        Integer::sum),
                store.value(), DbTime.toDb(start));
        return days;
    }

    // ---------------------------------------------------------------- the dispatcher's statements

    /* Each outcome applies only while the row is still SENDING under the recording node's lease. */
    private static final String LEASED = " WHERE id = ? AND status = 'SENDING' AND lease_owner = ?";
    private static final String LOCK_DUE_COLUMNS = "SELECT id, store_id, kind, recipient, body, encoding, segments,"
            + " attempts, credits_debited, not_before, created_at FROM " + TABLE + " WHERE status = 'QUEUED'";
    private static final String LOCK_DUE_ORDER = " ORDER BY not_before, id LIMIT ?" + Dialect.FOR_UPDATE_SKIP_LOCKED;
    private static final String LOCK_DUE = LOCK_DUE_COLUMNS + " AND not_before <= ?" + LOCK_DUE_ORDER;
    /** Charges each row what {@link DueRow#credits()} says: the same rule, in SQL. */
    private static final String LEASE = "UPDATE " + TABLE + " SET status = 'SENDING',"
            + " credits_debited = CASE WHEN credits_debited > 0 THEN credits_debited ELSE segments END,"
            + " attempts = attempts + 1, lease_owner = ?, lease_until = ?, updated_at = ? WHERE id IN ";
    /**
     * Where the database can ({@link Dialect#updatesReturning()}): {@link #LOCK_DUE} and {@link #LEASE} in one
     * statement, as pgmq's {@code read} takes its messages. It returns each row as it was before the lease, for
     * the claim to sort out; %s is the due-time condition.
     */
    private static final String TAKE_DUE = "UPDATE " + TABLE + " m SET status = 'SENDING',"
            + " credits_debited = CASE WHEN m.credits_debited > 0 THEN m.credits_debited ELSE m.segments END,"
            + " attempts = m.attempts + 1, lease_owner = ?, lease_until = ?, updated_at = ?"
            + " FROM (SELECT id, attempts, credits_debited FROM " + TABLE + " WHERE status = 'QUEUED' AND %s"
            + LOCK_DUE_ORDER + ") due WHERE m.id = due.id RETURNING m.id, m.store_id, m.kind, m.recipient, m.body,"
            + " m.encoding, m.segments, due.attempts, due.credits_debited, m.not_before, m.created_at";
    private static final String TAKE_DUE_ALL = TAKE_DUE.formatted("not_before <= ?");
    /** Undoes {@link #TAKE_DUE} for a row the claim does not send: QUEUED again, as it was. */
    private static final String GIVE_BACK = "UPDATE " + TABLE + " SET status = 'QUEUED', attempts = attempts - 1,"
            + " credits_debited = ?, lease_until = NULL, updated_at = ? WHERE id = ?";
    private static final String DEFER = "UPDATE " + TABLE + " SET not_before = ?, updated_at = ? WHERE id = ?";
    private static final String PARK = "UPDATE " + TABLE + " SET status = ?, reason = ?, updated_at = ? WHERE id = ?";
    private static final String EXPIRED_LEASES = "SELECT id, kind FROM " + TABLE
            + " WHERE lease_until < ? AND status = 'SENDING'";
    private static final String EXPIRE_LEASE = "UPDATE " + TABLE + " SET status = 'UNCERTAIN', reason = ?,"
            + " updated_at = ? WHERE id = ? AND status = 'SENDING' AND lease_until < ?";
    /** For one row or many in one statement: CASE picks each row's provider id and time. */
    private static final String TO_SENT = "UPDATE " + TABLE + " SET status = 'SENT', provider_message_id = CASE id %s"
            + " END, gateway = ?, sent_at = CASE id %s END, reason = NULL, lease_until = NULL, updated_at = ?"
            + " WHERE status = 'SENDING' AND lease_owner = ? AND id IN %s";
    private static final String TO_QUEUED = "UPDATE " + TABLE + " SET status = 'QUEUED', not_before = ?, reason = ?,"
            + " attempts = attempts - ?, lease_until = NULL, updated_at = ?" + LEASED;
    private static final String TO_FINAL = "UPDATE " + TABLE + " SET status = ?, reason = ?, lease_until = NULL,"
            + " updated_at = ?" + LEASED;

    private static final RowMapper<DueRow> DUE_ROW = (rs, n) -> new DueRow(
            rs.getLong("id"),
            StoreId.of(rs.getString("store_id")),
            MessageKind.valueOf(rs.getString("kind")),
            rs.getString("recipient"),
            rs.getString("body"),
            rs.getString("encoding"),
            rs.getInt("segments"),
            rs.getInt("attempts"),
            rs.getInt("credits_debited"),
            DbTime.fromDb(rs, "not_before"),
            DbTime.fromDb(rs, "created_at"));

    /** Whether a claim's first row is the oldest due one no other claim holds ({@link Dialect#locksInClaimOrder}). */
    boolean locksInClaimOrder() {
        return dialect.locksInClaimOrder();
    }

    /**
     * Locks up to {@code limit} QUEUED rows due at {@code now}, oldest first, skipping rows others hold locked;
     * only rows at {@code from} or after it in claim order unless it is {@code null} ({@link ClaimStart}).
     */
    List<DueRow> lockDue(ClaimStart.Point from, Instant now, int limit) {
        return from == null
                ? jdbc.query(LOCK_DUE, DUE_ROW, DbTime.toDb(now), limit)
                : jdbc.query(lockDueFrom, DUE_ROW, args(List.of(), fromArgs(from), DbTime.toDb(now), limit));
    }

    private List<Object> fromArgs(ClaimStart.Point from) {
        return dialect.keyAtOrAfterArgs(DbTime.toDb(from.notBefore()), from.id());
    }

    /** One statement's parameters in order: {@code first}, then a point's, then {@code rest}. */
    private static Object[] args(List<Object> first, List<Object> point, Object... rest) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(point);
        all.addAll(Arrays.asList(rest));
        return all.toArray();
    }

    /**
     * What a claim took: its rows as they were before the claim, oldest due first, and whether they are leased
     * already ({@link #takeDue}); if not, they are only locked, and {@link #lease} leases those to be sent.
     */
    record Taken(List<DueRow> rows, boolean leased) {
    }

    /**
     * Takes up to {@code limit} QUEUED rows due at {@code now}, oldest first, skipping rows others hold locked,
     * only rows at {@code from} or after it in claim order unless it is {@code null} ({@link ClaimStart}). Where
     * the database can, they are leased to {@code node} in the same statement, as {@link #lease} would; the claim
     * gives back those it does not send ({@link #giveBack}). Elsewhere they are locked ({@link #lockDue}).
     */
    Taken takeDue(ClaimStart.Point from, Instant now, int limit, String node, Instant until) {
        if (!dialect.updatesReturning()) {
            return new Taken(lockDue(from, now, limit), false);
        }
        List<DueRow> rows = new ArrayList<>(from == null
                ? jdbc.query(TAKE_DUE_ALL, DUE_ROW, node, DbTime.toDb(until), DbTime.toDb(now), DbTime.toDb(now), limit)
                : jdbc.query(takeDueFrom, DUE_ROW, args(List.of(node, DbTime.toDb(until), DbTime.toDb(now)),
                        fromArgs(from), DbTime.toDb(now), limit)));
        // RETURNING keeps no order.
        rows.sort(Comparator.comparing(DueRow::notBefore).thenComparingLong(DueRow::id));
        return new Taken(rows, true);
    }

    /** Makes rows that {@link #takeDue} leased QUEUED again, as they were before: the claim sends them not. */
    void giveBack(List<DueRow> rows, Instant now) {
        var at = DbTime.toDb(now);
        batch(GIVE_BACK, rows.stream().map(row -> new Object[]{row.creditsDebited(), at, row.id()}).toList());
    }

    /** Leases locked rows to {@code node} until {@code until}, charged and one attempt more: they are SENDING. */
    void lease(List<Long> ids, String node, Instant until, Instant now) {
        for (List<Long> chunk : SetStatements.chunks(ids)) {
            List<Object> args = new ArrayList<>(List.of(node, DbTime.toDb(until), DbTime.toDb(now)));
            args.addAll(chunk);
            int updated = jdbc.update(LEASE + SetStatements.placeholders(chunk.size()), args.toArray());
            if (updated != chunk.size()) {
                // The caller holds the rows locked since lockDue: nothing else can change them.
                throw new IllegalStateException("Leased " + updated + " of " + chunk.size() + " locked rows");
            }
        }
    }

    /** Moves locked QUEUED rows to a later due time (their window's next opening). */
    void defer(Map<Long, Instant> notBefore, Instant now) {
        var at = DbTime.toDb(now);
        batch(DEFER, notBefore.entrySet().stream()
                .map(e -> new Object[]{DbTime.toDb(e.getValue()), at, e.getKey()}).toList());
    }

    /** Puts locked QUEUED rows in {@code status} with {@code reason}: waiting for credit, cancelled or failed. */
    void park(MessageStatus status, String reason, List<Long> ids, Instant now) {
        var at = DbTime.toDb(now);
        batch(PARK, ids.stream().map(id -> new Object[]{status.name(), reason, at, id}).toList());
    }

    /** The rows still SENDING past their lease, by id, with their kind. A plain read, without locks. */
    Map<Long, MessageKind> expiredLeases(Instant now) {
        Map<Long, MessageKind> expired = new LinkedHashMap<>();
        jdbc.query(EXPIRED_LEASES, (RowCallbackHandler) rs -> expired.put(rs.getLong("id"),
                MessageKind.valueOf(rs.getString("kind"))), DbTime.toDb(now));
        return expired;
    }

    /** Makes the rows UNCERTAIN with {@code reason} if still SENDING past their lease; returns those it changed. */
    List<Long> expireLeases(List<Long> ids, String reason, Instant now) {
        var at = DbTime.toDb(now);
        return applied(ids, jdbc.batchUpdate(EXPIRE_LEASE, ids.stream().map(id -> new Object[]{reason, at, id, at})
                .toList()));
    }

    /** A send the provider accepted: its id there, and when. */
    record Sent(long id, String providerMessageId, Instant at) {
    }

    /**
     * Records sends as SENT in one statement, if all of them are still SENDING under {@code node}'s lease.
     *
     * @return whether all were (if not, the statement changed some of them: the caller rolls back)
     */
    boolean markSent(List<Sent> rows, String gateway, String node, Instant now) {
        String whens = String.join(" ", Collections.nCopies(rows.size(), "WHEN ? THEN ?"));
        List<Object> args = new ArrayList<>(rows.size() * 5 + 3);
        rows.forEach(row -> Collections.addAll(args, row.id(), row.providerMessageId()));
        args.add(gateway);
        rows.forEach(row -> Collections.addAll(args, row.id(), DbTime.toDb(row.at())));
        Collections.addAll(args, DbTime.toDb(now), node);
        rows.forEach(row -> args.add(row.id()));
        return jdbc.update(TO_SENT.formatted(whens, whens, SetStatements.placeholders(rows.size())), args.toArray())
                == rows.size();
    }

    /** A send to try again at {@code notBefore}; {@code attemptGivenBack} when it never left (window closed). */
    record Requeue(long id, Instant notBefore, String reason, boolean attemptGivenBack) {
    }

    /** Queues rows again if still SENDING under {@code node}'s lease; returns the ids it changed. */
    List<Long> requeue(List<Requeue> rows, String node, Instant now) {
        var at = DbTime.toDb(now);
        return applied(rows.stream().map(Requeue::id).toList(), batchCounts(TO_QUEUED, rows.stream()
                .map(r -> new Object[]{DbTime.toDb(r.notBefore()), clip(r.reason()), r.attemptGivenBack() ? 1 : 0, at,
                        r.id(), node}).toList()));
    }

    /** A send that ends here, in the state the caller gives, for {@code reason}. */
    record Finish(long id, String reason) {
    }

    /** Ends rows in {@code status} (FAILED, UNCERTAIN) if still SENDING under {@code node}'s lease; returns those. */
    List<Long> finish(List<Finish> rows, MessageStatus status, String node, Instant now) {
        var at = DbTime.toDb(now);
        return applied(rows.stream().map(Finish::id).toList(), batchCounts(TO_FINAL, rows.stream()
                .map(r -> new Object[]{status.name(), clip(r.reason()), at, r.id(), node}).toList()));
    }

    /** {@link #finish(List, MessageStatus, String, Instant)} for one row, whose refund depends on it. */
    boolean finish(long id, MessageStatus status, String reason, String node, Instant now) {
        return jdbc.update(TO_FINAL, status.name(), clip(reason), DbTime.toDb(now), id, node) > 0;
    }

    private void batch(String sql, List<Object[]> args) {
        batchCounts(sql, args);
    }

    private int[] batchCounts(String sql, List<Object[]> args) {
        return args.isEmpty() ? new int[0] : jdbc.batchUpdate(sql, args);
    }

    /** The ids whose statement changed a row; a driver may answer SUCCESS_NO_INFO (-2) for a batched one. */
    private static List<Long> applied(List<Long> ids, int[] counts) {
        List<Long> changed = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (counts[i] != 0) {
                changed.add(ids.get(i));
            }
        }
        return changed;
    }

    // ---------------------------------------------------------------- delivery receipts

    /** The reason of a message failed by a receipt starts with this. */
    public static final String UNDELIVERED = "undelivered: ";

    /**
     * What a delivery receipt makes of a message, and the states it may make it from: a receipt only ever moves a
     * message up UNCERTAIN, SENT, FAILED by a receipt, DELIVERED. Each move also sets the gateway and provider id,
     * which an UNCERTAIN message found by our own id learns here.
     */
    public enum ReceiptMove {
        SENT("UPDATE " + TABLE + " SET status = 'SENT', reason = ?, gateway = ?, provider_message_id = ?,"
                + " sent_at = COALESCE(sent_at, ?), updated_at = ?", "status = 'UNCERTAIN'"),
        DELIVERED("UPDATE " + TABLE + " SET status = 'DELIVERED', reason = ?, delivered_at = ?,"
                + " gateway = ?, provider_message_id = ?, sent_at = COALESCE(sent_at, ?), updated_at = ?",
                "(status IN ('UNCERTAIN', 'SENT') OR (status = 'FAILED' AND reason LIKE '" + UNDELIVERED.strip() + "%'))"),
        FAILED("UPDATE " + TABLE + " SET status = 'FAILED', reason = ?, gateway = ?, provider_message_id = ?,"
                + " sent_at = COALESCE(sent_at, ?), updated_at = ?", "status IN ('UNCERTAIN', 'SENT')");

        private final String update;
        private final String from;

        ReceiptMove(String update, String from) {
            this.update = update;
            this.from = from;
        }
    }

    /**
     * Moves the message the provider knows as {@code providerId} on {@code gateway} by {@code move}, if its state
     * allows; failing that, and when {@code ownId} is given, the message with our id whose provider id was never
     * learnt (UNCERTAIN).
     *
     * @param reason the message's new reason ({@code null} for SENT and DELIVERED)
     * @return the rows changed
     */
    public static int moveByReceipt(JdbcOperations jdbc, ReceiptMove move, String reason, String gateway,
                                    String providerId, Long ownId, Instant at, Instant now) {
        List<Object> set = new ArrayList<>();
        set.add(clip(reason));
        if (move == ReceiptMove.DELIVERED) {
            set.add(DbTime.toDb(at));
        }
        Collections.addAll(set, gateway, providerId, DbTime.toDb(at), DbTime.toDb(now));
        List<Object> byProvider = new ArrayList<>(set);
        Collections.addAll(byProvider, gateway, providerId);
        int changed = jdbc.update(move.update + " WHERE gateway = ? AND provider_message_id = ? AND " + move.from,
                byProvider.toArray());
        if (changed == 0 && ownId != null) {
            List<Object> byOwn = new ArrayList<>(set);
            byOwn.add(ownId);
            changed = jdbc.update(move.update + " WHERE id = ? AND provider_message_id IS NULL AND " + move.from,
                    byOwn.toArray());
        }
        return changed;
    }

    /** The states of the messages the provider knows as {@code providerId}, else of ours with {@code ownId}. */
    public static List<MessageStatus> statusesByReceipt(JdbcOperations jdbc, String gateway, String providerId,
                                                        Long ownId) {
        List<String> statuses = jdbc.queryForList("SELECT status FROM " + TABLE + " WHERE gateway = ?"
                + " AND provider_message_id = ?", String.class, gateway, providerId);
        if (statuses.isEmpty() && ownId != null) {
            statuses = jdbc.queryForList("SELECT status FROM " + TABLE + " WHERE id = ? AND provider_message_id IS NULL",
                    String.class, ownId);
        }
        return statuses.stream().map(MessageStatus::valueOf).toList();
    }

    /** A message a receipt failed: what it paid, and for the log its masked number and reason. */
    public record FailedByReceipt(long id, StoreId store, int creditsDebited, String recipientMasked, String reason) {
    }

    /** The FAILED messages the provider knows as {@code providerId} on {@code gateway}. */
    public static List<FailedByReceipt> failedByReceipt(JdbcOperations jdbc, String gateway, String providerId) {
        return jdbc.query("SELECT id, store_id, credits_debited, recipient_masked, reason FROM " + TABLE
                        + " WHERE gateway = ? AND provider_message_id = ? AND status = 'FAILED'",
                (rs, n) -> new FailedByReceipt(rs.getLong("id"), StoreId.of(rs.getString("store_id")),
                        rs.getInt("credits_debited"), rs.getString("recipient_masked"), rs.getString("reason")),
                gateway, providerId);
    }

    // ---------------------------------------------------------------- reconciliation of UNCERTAIN rows

    /** An UNCERTAIN message a provider may be asked about: what was sent, to whom, and since when it could be. */
    record Uncertain(long id, StoreId store, String recipient, String body, String encoding, int segments,
                     Instant notBefore) {
    }

    /**
     * UNCERTAIN messages that a lookup may settle: their provider id was never learnt, they became UNCERTAIN
     * before {@code settledBefore} (the provider's records have caught up), after {@code since}, and still hold
     * their number and text. Oldest first.
     */
    List<Uncertain> uncertainToReconcile(Instant settledBefore, Instant since, int limit) {
        return jdbc.query("SELECT id, store_id, recipient, body, encoding, segments, not_before FROM " + TABLE
                        + " WHERE status = 'UNCERTAIN' AND provider_message_id IS NULL AND recipient IS NOT NULL"
                        + " AND body IS NOT NULL AND updated_at < ? AND updated_at >= ? ORDER BY updated_at, id LIMIT ?",
                (rs, n) -> new Uncertain(rs.getLong("id"), StoreId.of(rs.getString("store_id")),
                        rs.getString("recipient"), rs.getString("body"), rs.getString("encoding"),
                        rs.getInt("segments"), DbTime.fromDb(rs, "not_before")),
                DbTime.toDb(settledBefore), DbTime.toDb(since), limit);
    }

    /** The provider holds it: SENT, with its id there, if it is still UNCERTAIN. */
    boolean reconciledSent(long id, String gateway, String providerMessageId, Instant now) {
        var at = DbTime.toDb(now);
        return jdbc.update("UPDATE " + TABLE + " SET status = 'SENT', reason = ?, gateway = ?,"
                + " provider_message_id = ?, sent_at = COALESCE(sent_at, ?), updated_at = ? WHERE id = ?"
                + " AND status = 'UNCERTAIN' AND provider_message_id IS NULL", RECONCILED_SENT, gateway,
                providerMessageId, at, at, id) > 0;
    }

    /**
     * The provider never got it: QUEUED again, due now, if it is still UNCERTAIN. It keeps the credits it paid,
     * so it is not charged twice, and its attempts.
     */
    boolean reconciledNotSent(long id, Instant now) {
        var at = DbTime.toDb(now);
        return jdbc.update("UPDATE " + TABLE + " SET status = 'QUEUED', reason = ?, not_before = ?, lease_until = NULL,"
                + " updated_at = ? WHERE id = ? AND status = 'UNCERTAIN' AND provider_message_id IS NULL",
                RECONCILED_NOT_SENT, at, at, id) > 0;
    }

    /** The reason of a message a lookup settled. */
    static final String RECONCILED_SENT = "reconciled-sent";
    static final String RECONCILED_NOT_SENT = "reconciled-not-sent";

    // ---------------------------------------------------------------- opt-out, retention, metrics

    private static final String WAITING = " status IN ('QUEUED', 'WAITING_CREDIT')";
    private static final List<String> FINAL = Arrays.stream(MessageStatus.values())
            .filter(MessageStatus::isFinal).map(MessageStatus::name).toList();
    private static final List<String> NOT_FINAL = Arrays.stream(MessageStatus.values())
            .filter(status -> !status.isFinal()).map(MessageStatus::name).toList();

    /** A message cancelled before it was sent, with what it had paid. */
    public record Cancelled(long id, StoreId store, int creditsDebited) {

        /**
         * Gives the stores back what the cancelled messages had paid, once each, in store order like every
         * account change, so that it cannot deadlock with a claim; in the caller's transaction, after the message
         * rows were locked.
         *
         * @return the credits refunded
         */
        public static int refundInStoreOrder(CreditLedger ledger, List<Cancelled> cancelled) {
            List<Cancelled> paid = cancelled.stream().filter(c -> c.creditsDebited() > 0)
                    .sorted(Comparator.comparing((Cancelled c) -> c.store().value()).thenComparingLong(Cancelled::id))
                    .toList();
            int refunded = 0;
            for (Cancelled message : paid) {
                if (ledger.refund(message.store(), message.id(), message.creditsDebited())) {
                    refunded += message.creditsDebited();
                }
            }
            return refunded;
        }
    }

    /**
     * Cancels every message to {@code number} still waiting to go out (QUEUED, WAITING_CREDIT) with
     * {@code reason}, in id order, in the caller's transaction; one a dispatcher claims meanwhile (SENDING) is left
     * alone. Refunding them is the caller's, in store order.
     */
    public static List<Cancelled> cancelWaiting(JdbcOperations jdbc, MobileNumber number, String reason, Instant now) {
        var at = DbTime.toDb(now);
        List<Long> waiting = jdbc.queryForList("SELECT id FROM " + TABLE + " WHERE recipient = ? AND" + WAITING
                + " ORDER BY id", Long.class, number.e164());
        List<Cancelled> cancelled = new ArrayList<>();
        for (long id : waiting) {
            // One by one: each needs its own count.
            if (jdbc.update("UPDATE " + TABLE + " SET status = 'CANCELLED', reason = ?, updated_at = ? WHERE id = ? AND"
                    + WAITING, clip(reason), at, id) == 1) {
                // Read once the row is ours: what it paid cannot change any more.
                cancelled.add(jdbc.queryForObject("SELECT store_id, credits_debited FROM " + TABLE + " WHERE id = ?",
                        (rs, n) -> new Cancelled(id, StoreId.of(rs.getString(1)), rs.getInt(2)), id));
            }
        }
        return cancelled;
    }

    /**
     * Erases number and text from the messages in a final state created before {@code cutoff} (a message still
     * on its way keeps them until it is sent).
     *
     * @return the messages erased
     */
    public static int purgeFinalBefore(JdbcOperations jdbc, Instant cutoff, Instant now) {
        List<Object> args = new ArrayList<>(List.of(DbTime.toDb(now), DbTime.toDb(now), DbTime.toDb(cutoff)));
        args.addAll(FINAL);
        return jdbc.update("UPDATE " + TABLE + " SET recipient = NULL, body = NULL, purged_at = ?, updated_at = ?"
                + " WHERE purged_at IS NULL AND created_at < ? AND status IN " + SetStatements.placeholders(FINAL.size()),
                args.toArray());
    }

    /** What {@link #forget} did: messages cancelled on the way, and others erased. */
    public record Forgotten(int cancelled, int erased) {
    }

    /**
     * Erases {@code number} from every message; one not yet in a final state is cancelled with {@code reason}
     * first (one SENDING cannot be called back, and is cancelled and erased all the same).
     */
    public static Forgotten forget(JdbcOperations jdbc, MobileNumber number, String reason, Instant now) {
        var at = DbTime.toDb(now);
        List<Object> args = new ArrayList<>(List.of(MessageStatus.CANCELLED.name(), clip(reason), at, at, number.e164()));
        args.addAll(NOT_FINAL);
        int cancelled = jdbc.update("UPDATE " + TABLE + " SET status = ?, reason = ?, recipient = NULL, body = NULL,"
                + " purged_at = ?, updated_at = ? WHERE recipient = ? AND status IN "
                + SetStatements.placeholders(NOT_FINAL.size()), args.toArray());
        int erased = jdbc.update("UPDATE " + TABLE + " SET recipient = NULL, body = NULL, purged_at = ?, updated_at = ?"
                + " WHERE recipient = ?", at, at, number.e164());
        return new Forgotten(cancelled, erased);
    }

    /** How many messages, of every store, are in {@code status}. */
    public static long countAll(JdbcOperations jdbc, MessageStatus status) {
        // The status as a literal, not a parameter: PostgreSQL counts through the partial index of that status
        // only when the plan knows which status it is (a generic plan would read the whole table at each scrape).
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE status = '" + status.name() + "'",
                Long.class);
        return count == null ? 0 : count;
    }

    static final RowMapper<QueuedMessage> ROW = (rs, n) -> new QueuedMessage(
            rs.getLong("id"),
            StoreId.of(rs.getString("store_id")),
            rs.getString("idempotency_key"),
            MessageKind.valueOf(rs.getString("kind")),
            rs.getString("template_key"),
            rs.getString("recipient_masked"),
            rs.getString("body"),
            rs.getInt("segments"),
            MessageStatus.valueOf(rs.getString("status")),
            rs.getString("reason"),
            DbTime.fromDb(rs, "not_before"),
            rs.getInt("attempts"),
            rs.getInt("credits_debited"),
            rs.getString("provider_message_id"),
            DbTime.fromDb(rs, "created_at"),
            DbTime.fromDb(rs, "sent_at"),
            rs.getString("requested_by"),
            rs.getObject("resend_of") == null ? null : rs.getLong("resend_of"));
}
