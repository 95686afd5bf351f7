package dev.torpedo.sms.impl.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.torpedo.sms.impl.testing.Concurrently;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void aLimitReadsAsHitsPerWindow() {
        assertThat(RateLimits.Limit.parse("10/10m")).isEqualTo(new RateLimits.Limit(10, Duration.ofMinutes(10)));
        assertThat(RateLimits.Limit.parse(" 5 / 1h ")).isEqualTo(new RateLimits.Limit(5, Duration.ofHours(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimits.Limit.parse("10 per minute"));
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimits.Limit.parse("0/1m"));
    }

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariadb extends Contract {
        OnMariadb() {
            super(TestDatabase.MARIADB);
        }
    }

    abstract static class Contract extends DatabaseContract {

        static final RateLimits.Limit THREE_A_MINUTE = new RateLimits.Limit(3, Duration.ofMinutes(1));
        MutableClock clock;
        RateLimits limits;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            clock = MutableClock.at("2026-12-01T12:00:10Z");
            limits = new RateLimits(db.jdbc(), db.transactionManager(), db.dialect(), clock);
        }

        @Test
        void theLimitAllowsItsHitsAndRefusesTheNextUntilTheWindowPasses() {
            assertThat(List.of(hit(), hit(), hit(), hit())).containsExactly(true, true, true, false);
            assertThat(limits.tryHit("ip", "10.0.0.2", THREE_A_MINUTE)).as("another key").isTrue();

            clock.advance(Duration.ofMinutes(1));

            assertThat(hit()).isTrue();
        }

        private boolean hit() {
            return limits.tryHit("ip", "10.0.0.1", THREE_A_MINUTE);
        }

        @Test
        void concurrentHitsAllCountSoExactlyTheLimitGetsThrough() {
            RateLimits.Limit ten = new RateLimits.Limit(10, Duration.ofMinutes(1));

            List<Boolean> allowed = Concurrently.run(16, i -> () -> limits.tryHit("phone", "+5511912345678", ten));

            assertThat(allowed).filteredOn(Boolean::booleanValue).hasSize(10);
        }

        @Test
        void theTableHoldsDigestsNotTheValues() {
            limits.tryHit("phone", "+5511912345678", THREE_A_MINUTE);

            assertThat(db.jdbc().queryForList("SELECT bucket_key FROM sms_rate_limit", String.class))
                    .singleElement().satisfies(key -> assertThat(key).startsWith("phone:").doesNotContain("5511912345678"));
        }

        @Test
        void oldWindowsArePurged() {
            hit();
            clock.advance(Duration.ofDays(2));

            assertThat(RateLimits.purge(db.jdbc(), clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);
            assertThat(db.count("sms_rate_limit", "")).isZero();
        }
    }
}
