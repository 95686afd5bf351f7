package dev.torpedo.sms.impl.db;

final class H2Dialect extends Dialect {

    @Override
    public String name() {
        return "h2";
    }
}
