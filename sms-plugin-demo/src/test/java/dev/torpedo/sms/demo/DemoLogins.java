package dev.torpedo.sms.demo;

import dev.torpedo.sms.impl.testing.LogLeakGuard;

import java.util.Map;

/** The demo's logins as the README prints them; their passwords fail any test that logs one. */
public final class DemoLogins {

    private static final Map<String, String> PASSWORDS = Map.of("loja", "senha-loja", "vento", "senha-vento",
            "operador", "senha-operador");

    static {
        LogLeakGuard.treatAsSecrets(PASSWORDS.values());
    }

    private DemoLogins() {
    }

    public static String passwordOf(String user) {
        String password = PASSWORDS.get(user);
        if (password == null) {
            throw new IllegalArgumentException("No demo login " + user);
        }
        return password;
    }
}
