package dev.torpedo.sms.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsModeTest {

    @ParameterizedTest(name = "mode {0}: order {1}, status {2}, restock {3}, manual {4}")
    @CsvSource({
            "0, false, false, false, false",
            "1, false, false, false, true",
            "2, true,  false, false, true",
            "3, true,  true,  false, true",
            "4, false, false, true,  true",
            "5, true,  false, true,  true",
            "6, true,  true,  true,  true"})
    void eachModeHasTheFlagsOfTheProductTable(int code, boolean order, boolean status, boolean restock, boolean manual) {
        SmsMode mode = SmsMode.fromCode(code);

        assertThat(mode.code()).isEqualTo(code);
        assertThat(mode.notifiesOrderCreated()).isEqualTo(order);
        assertThat(mode.notifiesStatusChanges()).isEqualTo(status);
        assertThat(mode.notifiesRestock()).isEqualTo(restock);
        assertThat(mode.allowsManualSends()).isEqualTo(manual);
        assertThat(mode.requiresInventoryFeatures()).isEqualTo(restock);
    }

    @Test
    void aCodeOutsideZeroToSixIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmsMode.fromCode(7)).withMessageContaining("0 to 6");
        assertThatIllegalArgumentException().isThrownBy(() -> SmsMode.fromCode(-1));
    }
}
