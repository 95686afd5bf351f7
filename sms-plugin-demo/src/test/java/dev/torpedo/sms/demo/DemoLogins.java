package dev.torpedo.sms.demo;

import dev.torpedo.sms.impl.testing.LogLeakGuard;

/** The demo's logins ({@link DemoAccounts}); their passwords fail any test that logs one. */
public final class DemoLogins {

    static {
        LogLeakGuard.treatAsSecrets(DemoAccounts.ALL.stream().map(DemoAccounts.Account::password).toList());
    }

    private DemoLogins() {
    }

    public static String passwordOf(String user) {
        return DemoAccounts.byLogin(user).orElseThrow(() -> new IllegalArgumentException("No demo login " + user))
                .password();
    }
}
