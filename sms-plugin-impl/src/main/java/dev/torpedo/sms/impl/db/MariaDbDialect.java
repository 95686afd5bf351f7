package dev.torpedo.sms.impl.db;

final class MariaDbDialect extends Dialect {

    @Override
    public String name() {
        return "mariadb";
    }
}
