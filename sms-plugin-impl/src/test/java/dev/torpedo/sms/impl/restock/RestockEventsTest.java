package dev.torpedo.sms.impl.restock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestockEventsTest {

    @Test
    void aLongTextIsCutToItsColumnWithoutSplittingACharacter() {
        String emoji = "\uD83D\uDE00";   // one character, two UTF-16 units

        assertThat(RestockEvents.clip("Caneca", 10)).isEqualTo("Caneca");
        assertThat(RestockEvents.clip(null, 10)).isNull();
        assertThat(RestockEvents.clip("x".repeat(11), 10)).isEqualTo("x".repeat(10));
        assertThat(RestockEvents.clip("x".repeat(9) + emoji, 10)).isEqualTo("x".repeat(9));
        assertThat(RestockEvents.clip("x".repeat(8) + emoji + "y", 10)).isEqualTo("x".repeat(8) + emoji);
    }
}
