package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.DbTime;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes messages into the queue table and reads them back. Inserts join the caller's transaction (the host's,
 * for a hook) and are idempotent: the same store and idempotency key make one row, however often or however
 * concurrently they are written.
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
            + " segments, status, reason, not_before, attempts, credits_debited, provider_message_id, created_at, sent_at"
            + " FROM " + TABLE;

    private final JdbcOperations jdbc;
    private final Dialect dialect;
    private final Clock clock;

    public MessageRepository(JdbcOperations jdbc, Dialect dialect, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /** Reasons come partly from host code (a handler's veto): keep them within their column. */
    static String clip(String reason) {
        return reason == null || reason.length() <= 200 ? reason : reason.substring(0, 197) + "...";
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
            DbTime.fromDb(rs, "sent_at"));
}
