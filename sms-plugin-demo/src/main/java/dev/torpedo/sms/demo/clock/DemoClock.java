package dev.torpedo.sms.demo.clock;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's clock, which "Simular horário" moves ahead: the real time plus an offset kept in {@code demo_clock},
 * so that a restart keeps the simulated time. The plugin takes the host's {@link Clock} bean, so its send window,
 * its dispatcher and its credit dates follow this one. It only moves forward: a clock that went back would leave
 * messages, leases and credit dates waiting for a time that already passed.
 */
public final class DemoClock extends Clock {

    /** The shop's own time zone: Brasília time, as its merchants read the clock. */
    public static final ZoneId SHOP_ZONE = ZoneId.of("America/Sao_Paulo");

    private final Clock real;
    private final JdbcTemplate jdbc;
    private final AtomicLong offsetMillis;

    public DemoClock(Clock real, JdbcTemplate jdbc) {
        this.real = Objects.requireNonNull(real, "real");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        Long saved = jdbc.queryForObject("SELECT offset_millis FROM demo_clock WHERE id = 1", Long.class);
        this.offsetMillis = new AtomicLong(saved == null ? 0 : saved);
    }

    @Override
    public Instant instant() {
        return real.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(this, Duration.ZERO).withZone(zone);
    }

    /** The shop's time now. */
    public ZonedDateTime now() {
        return instant().atZone(SHOP_ZONE);
    }

    /** How far ahead of the real time the clock is. */
    public Duration ahead() {
        return Duration.ofMillis(offsetMillis.get());
    }

    /** The next time the shop's clock shows {@code time}: today if it is still ahead, else tomorrow. */
    public LocalDateTime next(LocalTime time) {
        ZonedDateTime now = now();
        ZonedDateTime today = now.with(time).withSecond(0).withNano(0);
        return (today.isAfter(now) ? today : today.plusDays(1)).toLocalDateTime();
    }

    /**
     * Moves the clock to {@code target}, shop time.
     *
     * @return false, and nothing changes, when {@code target} is not ahead of the clock
     */
    public synchronized boolean jumpTo(LocalDateTime target) {
        Instant to = target.atZone(SHOP_ZONE).toInstant();
        Instant now = instant();
        if (!to.isAfter(now)) {
            return false;
        }
        long offset = offsetMillis.get() + Duration.between(now, to).toMillis();
        jdbc.update("UPDATE demo_clock SET offset_millis = ? WHERE id = 1", offset);
        offsetMillis.set(offset);
        return true;
    }
}
