package dev.torpedo.sms.demo.phone;

import dev.torpedo.sms.api.MobileNumber;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** What the simulated phone answered ({@code demo_phone_reply}), so that the conversation shows both sides. */
final class PhoneReplies {

    record Reply(String body, Instant at) {
    }

    private final JdbcTemplate jdbc;

    PhoneReplies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(MobileNumber phone, String body, Instant at) {
        jdbc.update("INSERT INTO demo_phone_reply (phone, body, created_at) VALUES (?, ?, ?)", phone.e164(), body,
                Timestamp.from(at));
    }

    List<Reply> of(MobileNumber phone, int limit) {
        return jdbc.query("SELECT body, created_at FROM demo_phone_reply WHERE phone = ? ORDER BY id DESC LIMIT ?",
                (rs, n) -> new Reply(rs.getString("body"), rs.getTimestamp("created_at").toInstant()), phone.e164(),
                limit);
    }
}
