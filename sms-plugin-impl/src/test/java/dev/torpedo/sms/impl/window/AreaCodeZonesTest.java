package dev.torpedo.sms.impl.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpedo.sms.api.MobileNumber;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AreaCodeZonesTest {

    /** A summer and a winter instant: a zone with DST would show different offsets. */
    private static final Instant SUMMER = Instant.parse("2026-01-15T15:00:00Z");
    private static final Instant WINTER = Instant.parse("2026-07-15T15:00:00Z");

    private static final Map<Integer, ZoneOffset> NOT_BRASILIA_TIME = Map.of(
            65, ZoneOffset.ofHours(-4),
            66, ZoneOffset.ofHours(-4),
            67, ZoneOffset.ofHours(-4),
            69, ZoneOffset.ofHours(-4),
            92, ZoneOffset.ofHours(-4),
            95, ZoneOffset.ofHours(-4),
            68, ZoneOffset.ofHours(-5));

    @Test
    void covers_exactly_the_brazilian_area_codes() {
        assertThat(AreaCodeZones.areaCodes()).containsExactlyInAnyOrderElementsOf(MobileNumber.areaCodes());
    }

    @Test
    void every_ddd_is_utc_minus_3_except_the_west() {
        for (int ddd : MobileNumber.areaCodes()) {
            if (ddd == 97) {
                continue;
            }
            ZoneOffset expected = NOT_BRASILIA_TIME.getOrDefault(ddd, ZoneOffset.ofHours(-3));
            assertThat(AreaCodeZones.zonesOf(ddd)).as("DDD %d", ddd).hasSize(1);
            ZoneId zone = AreaCodeZones.zonesOf(ddd).get(0);
            assertThat(zone.getRules().getOffset(SUMMER)).as("DDD %d in summer", ddd).isEqualTo(expected);
            assertThat(zone.getRules().getOffset(WINTER)).as("DDD %d in winter", ddd).isEqualTo(expected);
        }
    }

    @Test
    void ddd_97_spans_manaus_and_eirunepe() {
        assertThat(AreaCodeZones.zonesOf(97))
                .containsExactly(ZoneId.of("America/Manaus"), ZoneId.of("America/Eirunepe"));
        assertThat(ZoneId.of("America/Eirunepe").getRules().getOffset(SUMMER)).isEqualTo(ZoneOffset.ofHours(-5));
    }

    @Test
    void uses_the_regional_zone_of_each_state_not_libphonenumbers() {
        assertThat(AreaCodeZones.zonesOf(11)).containsExactly(ZoneId.of("America/Sao_Paulo"));
        assertThat(AreaCodeZones.zonesOf(81)).containsExactly(ZoneId.of("America/Recife"));
        assertThat(AreaCodeZones.zonesOf(83)).containsExactly(ZoneId.of("America/Fortaleza"));
        assertThat(AreaCodeZones.zonesOf(91)).containsExactly(ZoneId.of("America/Belem"));
        assertThat(AreaCodeZones.zonesOf(93)).containsExactly(ZoneId.of("America/Santarem"));
        assertThat(AreaCodeZones.zonesOf(63)).containsExactly(ZoneId.of("America/Araguaina"));
        assertThat(AreaCodeZones.zonesOf(71)).containsExactly(ZoneId.of("America/Bahia"));
        assertThat(AreaCodeZones.zonesOf(79)).containsExactly(ZoneId.of("America/Maceio"));
        assertThat(AreaCodeZones.zonesOf(68)).containsExactly(ZoneId.of("America/Rio_Branco"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 20, 23, 25, 29, 30, 36, 39, 50, 52, 56, 60, 70, 72, 76, 78, 80, 90, 100, -11})
    void an_unknown_ddd_is_an_error(int ddd) {
        assertThatThrownBy(() -> AreaCodeZones.zonesOf(ddd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(ddd));
    }

    @Test
    void the_zones_cannot_be_changed() {
        assertThatThrownBy(() -> AreaCodeZones.zonesOf(97).add(ZoneId.of("UTC")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
