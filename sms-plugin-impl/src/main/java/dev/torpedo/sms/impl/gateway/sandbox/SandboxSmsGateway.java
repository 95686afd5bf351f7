package dev.torpedo.sms.impl.gateway.sandbox;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.GeneratedKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
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
        return "sandbox";
    }

    /** The last {@code limit} messages "sent" to {@code to}, newest first. */
    public List<SandboxSms> inbox(MobileNumber to, int limit) {
        Objects.requireNonNull(to, "to");
        if (limit < 1) {
            throw new IllegalArgumentException("An inbox shows at least one message, not " + limit);
        }
        return jdbc.query("SELECT id, message_id, store_id, recipient, body, segments, created_at FROM sms_sandbox_outbox"
                        + " WHERE recipient = ? ORDER BY id DESC LIMIT ?",
                (rs, n) -> new SandboxSms(rs.getLong("id"), rs.getString("message_id"),
                        StoreId.of(rs.getString("store_id")), MobileNumber.of(rs.getString("recipient")),
                        rs.getString("body"), rs.getInt("segments"), DbTime.fromDb(rs, "created_at")),
                to.e164(), limit);
    }
}
