package dev.torpedo.sms.impl.db;

import java.util.List;
import java.util.stream.Collectors;

final class MariaDbDialect extends Dialect {

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    String upsertStatement(String table, String key, List<String> columns) {
        return insertStatement(table, columns) + " ON DUPLICATE KEY UPDATE "
                + columns.stream().skip(1).map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
    }
}
