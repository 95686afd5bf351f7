package dev.torpedo.sms.impl.db;

import org.springframework.jdbc.core.JdbcOperations;

final class PostgresDialect extends Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean insertUnlessDuplicate(JdbcOperations jdbc, String insert, String anyColumn, Object[] values) {
        return jdbc.update(insert + " ON CONFLICT DO NOTHING", values) > 0;
    }
}
