package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.DbTime;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        return insert(message.storeId(), message.idempotencyKey(), kind, message.template(), message.approvalReference(),
                message.recipient(), message.text().text(), message.text().encoding().name(), message.text().segments(),
                MessageStatus.QUEUED, null, notBefore);
    }

    /** Records a message that could not be made, with its reason, so that the merchant sees it. */
    public boolean recordRejected(Composition.Rejected rejected, MessageKind kind) {
        return insert(rejected.storeId(), rejected.idempotencyKey(), kind, rejected.template(), null, null, null, null,
                0, MessageStatus.REJECTED, rejected.reason(), clock.instant());
    }

    /** Records a message not sent by rule (the number opted out): nothing is charged, and it is never retried. */
    public boolean recordSkipped(Composition.Composed message, MessageKind kind, String reason) {
        return insert(message.storeId(), message.idempotencyKey(), kind, message.template(), message.approvalReference(),
                message.recipient(), null, null, 0, MessageStatus.SKIPPED, reason, clock.instant());
    }

    private boolean insert(StoreId store, String key, MessageKind kind, TemplateKey template, String approval,
                           MobileNumber recipient, String body, String encoding, int segments, MessageStatus status,
                           String reason, Instant notBefore) {
        var now = DbTime.toDb(clock.instant());
        return dialect.insertUnlessDuplicate(jdbc, TABLE, COLUMNS,
                store.value(), key, kind.name(), template.value(), approval,
                recipient == null ? null : recipient.e164(), recipient == null ? null : recipient.masked(),
                body, encoding, segments, status.name(), clip(reason), DbTime.toDb(notBefore), now, now);
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
