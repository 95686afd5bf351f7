package dev.torpedo.sms.impl.restock;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestockOptionsTest {

    private final RestockOptions defaults = RestockOptions.defaults();

    @Test
    void theDefaultsTellThreeShoppersPerUnitInWavesOfOneHundredToFiveThousandEveryQuarterHour() {
        assertThat(defaults).isEqualTo(new RestockOptions(3, 100, 5_000, Duration.ofMinutes(15), 500));
    }

    @Test
    void aWaveIsThreeShoppersPerUnitWithinItsBounds() {
        assertThat(defaults.waveSize(0)).isEqualTo(100);
        assertThat(defaults.waveSize(10)).isEqualTo(100);
        assertThat(defaults.waveSize(34)).isEqualTo(102);
        assertThat(defaults.waveSize(500)).isEqualTo(1_500);
        assertThat(defaults.waveSize(1_667)).isEqualTo(5_000);
        assertThat(defaults.waveSize(Long.MAX_VALUE)).isEqualTo(5_000);
        assertThat(defaults.waveSize(-5)).isEqualTo(100);
    }

    @Test
    void optionsThatCannotMakeAWaveAreRefused() {
        Duration quarter = Duration.ofMinutes(15);
        assertThatThrownBy(() -> new RestockOptions(0, 100, 5_000, quarter, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestockOptions(3, 0, 5_000, quarter, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestockOptions(3, 200, 100, quarter, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestockOptions(3, 100, 5_000, Duration.ZERO, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestockOptions(3, 100, 5_000, quarter, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestockOptions(3, 100, 5_000, quarter, 5_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestockOptions(3, 100, 5_000, null, 500)).isInstanceOf(NullPointerException.class);
    }
}
