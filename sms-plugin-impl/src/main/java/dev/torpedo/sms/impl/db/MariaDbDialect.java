package dev.torpedo.sms.impl.db;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

final class MariaDbDialect extends Dialect {

    @Override
    public String name() {
        return "mariadb";
    }

    /** MariaDB assigns left to right: {@code hits} must read the old {@code window_start}. */
    @Override
    String countHitStatement() {
        return "INSERT INTO sms_rate_limit (bucket_key, window_start, hits) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE"
                + " hits = IF(window_start = VALUES(window_start), hits + 1, 1), window_start = VALUES(window_start)";
    }

    @Override
    String upsertStatement(String table, String key, List<String> columns) {
        return insertStatement(table, columns) + " ON DUPLICATE KEY UPDATE "
                + columns.stream().skip(1).map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
    }

    /** Without GLOBAL or SESSION it sets the next transaction's level only: the host's session keeps its own. */
    @Override
    Optional<String> readCommittedNextTransaction() {
        return Optional.of("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
    }

    @Override
    public boolean locksInClaimOrder() {
        return true;
    }
}
