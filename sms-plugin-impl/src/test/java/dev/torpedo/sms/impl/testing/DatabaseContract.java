package dev.torpedo.sms.impl.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every test that runs the same contract on H2, PostgreSQL and MariaDB. A test class declares the
 * contract as an abstract class extending this one, and one {@code @Nested} subclass per database, tagged
 * {@code postgresql} or {@code mariadb} so that {@code -DexcludedGroups=postgresql,mariadb} runs H2 alone:
 *
 * <pre>{@code
 * class QueueTest {
 *     @Nested class OnH2 extends QueueContract { OnH2() { super(TestDatabase.H2); } }
 *     @Nested @Tag("postgresql") class OnPostgresql extends QueueContract { ... }
 *     @Nested @Tag("mariadb") class OnMariadb extends QueueContract { ... }
 * }
 * }</pre>
 *
 * Each database class gets its own fresh database, emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseContract {

    private final TestDatabase database;
    protected TestDatabase.Db db;

    protected DatabaseContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeAll
    void createDatabase() {
        db = database.create();
    }

    @BeforeEach
    void emptyTables() {
        db.reset();
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
