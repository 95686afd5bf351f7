package dev.torpedo.sms.impl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.testing.Concurrently;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class StoreSettingsRepositoryTest {

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

        private static final StoreId STORE = StoreId.of("loja-1");
        private StoreSettingsRepository settings;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void repository() {
            settings = new StoreSettingsRepository(db.jdbc(), db.dialect(), MutableClock.at("2026-12-01T12:00:00Z"));
        }

        private static StoreSettings saved(int n) {
            return new StoreSettings(STORE, SmsMode.fromCode(n % 7), Sender.of("Loja " + n), Contact.of("113333444" + n % 10));
        }

        @Test
        void aStoreNeverSavedHasSmsOff() {
            assertThat(settings.find(STORE)).isEqualTo(StoreSettings.disabled(STORE));
            assertThat(settings.findSaved(STORE)).isEmpty();
        }

        @Test
        void aSecondSaveReplacesTheFirstWhole() {
            db.tx().executeWithoutResult(s -> settings.save(saved(3)));
            db.tx().executeWithoutResult(s -> settings.save(saved(5)));

            assertThat(settings.find(STORE)).isEqualTo(saved(5));
            assertThat(db.count("sms_store_settings", "store_id = ?", STORE.value())).isEqualTo(1);
        }

        @Test
        void concurrentFirstSavesOfOneStoreAllSucceedAndLeaveOneWholeRow() {
            for (int round = 0; round < 5; round++) {
                db.reset();
                List<Integer> done = Concurrently.run(8, i -> () -> {
                    db.tx().executeWithoutResult(s -> settings.save(saved(i)));
                    return i;
                });

                assertThat(done).hasSize(8);
                assertThat(db.count("sms_store_settings", "store_id = ?", STORE.value())).isEqualTo(1);
                StoreSettings winner = settings.find(STORE);
                assertThat(List.of(saved(0), saved(1), saved(2), saved(3), saved(4), saved(5), saved(6), saved(7)))
                        .contains(winner);
            }
        }
    }
}
