package dev.torpedo.sms.impl.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogLeakGuardTest {

    private final LogLeakGuard guard = new LogLeakGuard();

    @ParameterizedTest
    @ValueSource(strings = {"to +5511912345678", "to=5511912345678", "numero 11912345678.", "(11) 91234-5678",
            "(11) 3333-4444", "token zen-token-9f8e7d6c5b4a", "secret s3cret"})
    void aFullNumberOrATestSecretIsALeak(String line) {
        assertThat(LogLeakGuard.leakIn(line)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"to +55 11 9****-5678", "message 12345 sent", "at 2026-03-10T12:00:00Z",
            "epoch 1764912345678", "order 2026-000981", "R$ 1.249,90"})
    void aMaskedNumberOrAnOrdinaryLineIsNot(String line) {
        assertThat(LogLeakGuard.leakIn(line)).isNull();
    }

    @Test
    void aDebugLineThatIsNotEvenWrittenFailsTheTestThatLoggedIt() {
        guard.beforeEach(null);
        LoggerFactory.getLogger("dev.torpedo.sms.impl.SomeClass").debug("sending to {}", "+5511912345678");

        assertThatThrownBy(() -> guard.afterEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("DEBUG dev.torpedo.sms.impl.SomeClass [+5511912345678]: sending to +5511912345678");
        // Caught here: the suite's own guard, after this test, finds nothing left.
        guard.afterEach(null);
    }

    @Test
    void aNumberInAnotherLibrarysLineIsNotThePluginsBusiness() {
        guard.beforeEach(null);
        LoggerFactory.getLogger("com.example.Shop").warn("order for +5511912345678");

        guard.afterEach(null);
    }

    @Test
    void aSecretInALineAnotherLibraryWritesFailsTheTest() {
        guard.beforeEach(null);
        LoggerFactory.getLogger("org.example.Client").warn("Authorization: Basic twilio-auth-token-1a2b3c4d5e6f");

        assertThatThrownBy(() -> guard.afterEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("WARN org.example.Client [twilio-auth-token-1a2b3c4d5e6f]");
        guard.afterEach(null);
    }

    @Test
    void aSecretAModulesTestsAddIsALeakToo() {
        String password = "a-module-password-" + System.nanoTime();
        assertThat(LogLeakGuard.leakIn("login with " + password)).isNull();

        LogLeakGuard.treatAsSecrets(List.of(password));

        assertThat(LogLeakGuard.leakIn("login with " + password)).isEqualTo(password);
    }
}
