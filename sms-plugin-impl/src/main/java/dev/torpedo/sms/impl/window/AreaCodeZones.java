package dev.torpedo.sms.impl.window;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each DDD is, in time: the IANA zone (or zones) of its area, hand-written because libphonenumber's
 * Brazilian time-zone data is wrong (Pará at UTC−4, Recife mobiles at UTC−2). Each state gets the zone
 * that tzdb's zone1970.tab assigns to it.
 */
final class AreaCodeZones {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");   // GO, DF, MG, ES, RJ, SP, PR, SC, RS
    private static final ZoneId ARAGUAINA = ZoneId.of("America/Araguaina");   // TO
    private static final ZoneId BAHIA = ZoneId.of("America/Bahia");           // BA
    private static final ZoneId MACEIO = ZoneId.of("America/Maceio");         // AL, SE
    private static final ZoneId RECIFE = ZoneId.of("America/Recife");         // PE
    private static final ZoneId FORTALEZA = ZoneId.of("America/Fortaleza");   // MA, PI, CE, RN, PB
    private static final ZoneId BELEM = ZoneId.of("America/Belem");           // PA (east), AP
    private static final ZoneId SANTAREM = ZoneId.of("America/Santarem");     // PA (west)
    private static final ZoneId CUIABA = ZoneId.of("America/Cuiaba");         // MT, UTC−4
    private static final ZoneId CAMPO_GRANDE = ZoneId.of("America/Campo_Grande"); // MS, UTC−4
    private static final ZoneId PORTO_VELHO = ZoneId.of("America/Porto_Velho");   // RO, UTC−4
    private static final ZoneId MANAUS = ZoneId.of("America/Manaus");         // AM (east), UTC−4
    private static final ZoneId EIRUNEPE = ZoneId.of("America/Eirunepe");     // AM (west), UTC−5
    private static final ZoneId BOA_VISTA = ZoneId.of("America/Boa_Vista");   // RR, UTC−4
    private static final ZoneId RIO_BRANCO = ZoneId.of("America/Rio_Branco"); // AC, UTC−5

    private static final Map<Integer, List<ZoneId>> ZONES = table();

    private AreaCodeZones() {
    }

    /**
     * The zones of {@code ddd}: one, except 97 (western Amazonas), which spans UTC−4 and UTC−5.
     *
     * @throws IllegalArgumentException if Brazil has no such DDD
     */
    static List<ZoneId> zonesOf(int ddd) {
        List<ZoneId> zones = ZONES.get(ddd);
        if (zones == null) {
            throw new IllegalArgumentException("There is no DDD " + ddd + " in Brazil");
        }
        return zones;
    }

    /** Every DDD in the table, for the test that it matches {@code MobileNumber.areaCodes()}. */
    static Set<Integer> areaCodes() {
        return ZONES.keySet();
    }

    private static Map<Integer, List<ZoneId>> table() {
        Map<Integer, List<ZoneId>> table = new HashMap<>();
        put(table, SAO_PAULO,
                11, 12, 13, 14, 15, 16, 17, 18, 19,   // SP
                21, 22, 24,                           // RJ
                27, 28,                               // ES
                31, 32, 33, 34, 35, 37, 38,           // MG
                41, 42, 43, 44, 45, 46,               // PR
                47, 48, 49,                           // SC
                51, 53, 54, 55,                       // RS
                61,                                   // DF
                62, 64);                              // GO
        put(table, ARAGUAINA, 63);
        put(table, CUIABA, 65, 66);
        put(table, CAMPO_GRANDE, 67);
        put(table, RIO_BRANCO, 68);
        put(table, PORTO_VELHO, 69);
        put(table, BAHIA, 71, 73, 74, 75, 77);
        put(table, MACEIO, 79, 82);                   // SE, AL
        put(table, RECIFE, 81, 87);                   // PE
        put(table, FORTALEZA,
                83,                                   // PB
                84,                                   // RN
                85, 88,                               // CE
                86, 89,                               // PI
                98, 99);                              // MA
        put(table, BELEM, 91, 94, 96);                // PA (Belém, Marabá), AP
        put(table, SANTAREM, 93);                     // PA (Santarém)
        put(table, MANAUS, 92);
        put(table, BOA_VISTA, 95);
        table.put(97, List.of(MANAUS, EIRUNEPE));
        return Map.copyOf(table);
    }

    private static void put(Map<Integer, List<ZoneId>> table, ZoneId zone, int... ddds) {
        for (int ddd : ddds) {
            if (table.put(ddd, List.of(zone)) != null) {
                throw new IllegalStateException("DDD " + ddd + " is in the table twice");
            }
        }
    }
}
