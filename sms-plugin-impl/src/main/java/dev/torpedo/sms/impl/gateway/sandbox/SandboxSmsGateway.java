package dev.torpedo.sms.impl.gateway.sandbox;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.GeneratedKeys;
import dev.torpedo.sms.impl.db.SetStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A gateway that sends nothing: it keeps each message in the {@code sms_sandbox_outbox} table, where the demo's
 * phone inbox reads it, and accepts it as {@code sandbox-<row id>}. For demos, tests and a store trying the
 * plugin out. Thread-safe. The dispatcher calls it outside any transaction, so each message is committed as
 * soon as it is "sent".
 *
 * <pre>{@code
 * var gateway = new SandboxSmsGateway(jdbc, clock);
 * gateway.send(sms);                                          // Accepted[sandbox-1]
 * gateway.inbox(MobileNumber.of("+5511912345678"), 20);      // newest first
 * }</pre>
 */
public final class SandboxSmsGateway implements SmsGateway {

    /** The widths of the outbox's text columns; a longer value is the caller's mistake, not the shopper's. */
    private static final int MAX_MESSAGE_ID = 40;
    private static final int MAX_BODY = 1600;

    private static final Logger log = LoggerFactory.getLogger(SandboxSmsGateway.class);

    private static final String SELECT = "SELECT id, message_id, store_id, recipient, body, segments, created_at"
            + " FROM sms_sandbox_outbox";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SandboxSmsGateway(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SendResult send(OutboundSms sms) {
        if (sms.messageId().length() > MAX_MESSAGE_ID || sms.text().length() > MAX_BODY) {
            return SendResult.permanent("The sandbox keeps message ids up to " + MAX_MESSAGE_ID
                    + " characters and texts up to " + MAX_BODY, "too-long");
        }
        try {
            long id = GeneratedKeys.insert(jdbc, "INSERT INTO sms_sandbox_outbox (message_id, store_id, recipient, body,"
                            + " segments, created_at) VALUES (?, ?, ?, ?, ?, ?)", sms.messageId(), sms.storeId().value(),
                    sms.to().e164(), sms.text(), sms.segments(), DbTime.toDb(clock.instant()));
            log.info("Sandbox: message {} to {} kept as sandbox-{} ({} segment(s))", sms.messageId(), sms.to().masked(),
                    id, sms.segments());
            return SendResult.accepted("sandbox-" + id);
        } catch (DataAccessException e) {
            // Not stored means not "sent": the dispatcher may try again.
            log.warn("Sandbox: message {} to {} could not be stored: {}", sms.messageId(), sms.to().masked(),
                    e.getClass().getSimpleName());
            return SendResult.retryable("sandbox outbox unavailable");
        }
    }

    @Override
    public String name() {
        return SandboxCarrier.GATEWAY;
    }

    /** The numbers that received a message lately, the latest first: the phones a demo can show. */
    public List<MobileNumber> recentRecipients(int limit) {
        requirePositive(limit);
        return jdbc.queryForList("SELECT recipient FROM sms_sandbox_outbox GROUP BY recipient ORDER BY MAX(id) DESC"
                + " LIMIT ?", String.class, limit).stream().map(MobileNumber::of).toList();
    }

    /** Messages "sent" whose delivery was not reported yet, oldest first. */
    List<SandboxSms> unreported(int limit) {
        requirePositive(limit);
        return jdbc.query(SELECT + " WHERE reported_at IS NULL ORDER BY id LIMIT ?", this::sms, limit);
    }

    /** Marks these messages' delivery as reported, so that each is reported once. */
    void markReported(List<Long> ids) {
        Object now = DbTime.toDb(clock.instant());
        for (List<Long> chunk : SetStatements.chunks(ids)) {
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(now);
            args.addAll(chunk);
            jdbc.update("UPDATE sms_sandbox_outbox SET reported_at = ? WHERE id IN "
                    + SetStatements.placeholders(chunk.size()), args.toArray());
        }
    }

    /** The last {@code limit} messages "sent" to {@code to}, newest first. */
    public List<SandboxSms> inbox(MobileNumber to, int limit) {
        Objects.requireNonNull(to, "to");
        requirePositive(limit);
        return jdbc.query(SELECT + " WHERE recipient = ? ORDER BY id DESC LIMIT ?", this::sms, to.e164(), limit);
    }

    private SandboxSms sms(ResultSet rs, int row) throws SQLException {
        return new SandboxSms(rs.getLong("id"), rs.getString("message_id"), StoreId.of(rs.getString("store_id")),
                MobileNumber.of(rs.getString("recipient")), rs.getString("body"), rs.getInt("segments"),
                DbTime.fromDb(rs, "created_at"));
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A list shows at least one message, not " + limit);
        }
    }
}
