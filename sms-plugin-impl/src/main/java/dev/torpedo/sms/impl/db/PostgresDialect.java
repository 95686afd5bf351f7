package dev.torpedo.sms.impl.db;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcOperations;

final class PostgresDialect extends Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    String upsertStatement(String table, String key, List<String> columns) {
        return insertStatement(table, columns) + " ON CONFLICT (" + key + ") DO UPDATE SET "
                + columns.stream().skip(1).map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
    }

    @Override
    String countHitStatement() {
        return "INSERT INTO sms_rate_limit (bucket_key, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (bucket_key)"
                + " DO UPDATE SET hits = CASE WHEN sms_rate_limit.window_start = EXCLUDED.window_start"
                + " THEN sms_rate_limit.hits + 1 ELSE 1 END, window_start = EXCLUDED.window_start";
    }

    @Override
    public boolean insertUnlessDuplicate(JdbcOperations jdbc, String insert, String anyColumn, Object[] values) {
        return jdbc.update(insert + " ON CONFLICT DO NOTHING", values) > 0;
    }

    @Override
    public boolean locksInClaimOrder() {
        return true;
    }

    @Override
    public String keyAtOrAfter(String first, String second) {
        return "(" + first + ", " + second + ") >= (?, ?)";
    }

    @Override
    public List<Object> keyAtOrAfterArgs(Object first, Object second) {
        return List.of(first, second);
    }

    @Override
    public boolean updatesReturning() {
        return true;
    }
}
