package dev.torpedo.sms.demo;

import dev.torpedo.sms.api.StoreId;

import java.util.List;
import java.util.Optional;

/**
 * The demo's logins, in one place: the security configuration makes its users of them, and the front door and the
 * login page print them. Each password differs from its login, so that the tests' log scan can tell a password in
 * a log line from the user name that lines rightly carry.
 */
public final class DemoAccounts {

    /** One login; {@code store} is the store a merchant manages, empty for the platform's operator. */
    public record Account(String login, String password, Optional<StoreId> store, String who) {

        public boolean merchant() {
            return store.isPresent();
        }
    }

    public static final List<Account> ALL = List.of(
            new Account("loja", "senha-loja", Optional.of(StoreId.of("aurora")), "lojista da Casa Aurora"),
            new Account("vento", "senha-vento", Optional.of(StoreId.of("vento-sul")), "lojista da Vento Sul Esportes"),
            new Account("operador", "senha-operador", Optional.empty(),
                    "a plataforma, que confirma os pagamentos de crédito"));

    private DemoAccounts() {
    }

    public static Optional<Account> byLogin(String login) {
        return ALL.stream().filter(account -> account.login().equals(login)).findFirst();
    }
}
