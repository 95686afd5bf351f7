package dev.torpedo.sms.impl.encoding;

import static dev.torpedo.sms.impl.testing.TextGen.GSM7_BASIC;
import static dev.torpedo.sms.impl.testing.TextGen.GSM7_EXTENSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.spi.SmsProfile;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.testing.TextGen;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * For any text and any profile, what a message is charged equals the parts that profile's own splitting makes,
 * as an independent and simpler reference computes them (a regular expression, {@code split}, code points).
 */
class ProfileSegmentsProperties {

    @Test
    void theChargeIsThePartsOfTheProfilesOwnSplittingForAnyText() {
        qt().withExamples(3000).forAll(TextGen.anyUtf16(400), profiles()).checkAssert(ProfileSegmentsProperties::matches);
    }

    @Test
    void theChargeIsThePartsOfTheProfilesOwnSplittingNearTheBoundaries() {
        qt().withExamples(6000).forAll(wordsNearBoundaries(), profiles()).checkAssert(ProfileSegmentsProperties::matches);
    }

    @Test
    void transliterationYieldsTheProfilesStandardSet() {
        qt().withExamples(2000).forAll(TextGen.anyUtf16(300), profiles()).checkAssert((text, profile) -> {
            String standard = Gsm7Transliterator.toStandard(text, profile);
            assertThat(standard.codePoints().allMatch(cp -> width(cp, profile, MessageEncoding.GSM_7) > 0))
                    .as("all standard under %s: %s", profile, standard).isTrue();
        });
    }

    private static void matches(String text, SmsProfile profile) {
        EncodedText encoded = SegmentCounter.encode(text, profile);
        Reference expected = Reference.of(text, profile);

        assertThat(encoded.text()).isEqualTo(expected.sent());
        assertThat(encoded.encoding()).isEqualTo(expected.encoding());
        assertThat(encoded.units()).isEqualTo(expected.units());
        assertThat(encoded.credits()).as("%s: %s", profile, expected.sent()).isEqualTo(expected.parts());
    }

    /** The GSM 03.38 characters a profile may lack: all but the ASCII letters, digits and punctuation. */
    private static final String MAY_BE_UNICODE_ONLY = (GSM7_BASIC + GSM7_EXTENSION).codePoints()
            .filter(cp -> cp > '~' || "^{}\\[~]|".indexOf(cp) >= 0)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    /** The built-in profiles often, else any profile a host could declare. */
    private static Gen<SmsProfile> profiles() {
        Gen<SmsProfile> any = Generate.range(2, 200).flatMap(standardSingle -> Generate.range(2, standardSingle)
                .flatMap(standardPart -> Generate.range(2, 90).flatMap(unicodeSingle -> Generate.range(2, unicodeSingle)
                        .flatMap(unicodePart -> Generate.booleans().flatMap(escapes -> Generate.booleans()
                                .flatMap(collapses -> Generate.enumValues(SmsProfile.Cut.class)
                                        .flatMap(cut -> TextGen.over(MAY_BE_UNICODE_ONLY, 12)
                                                .map(unicodeOnly -> SmsProfile.builder("any")
                                                        .unicodeOnly(unicodeOnly).extensionTable(escapes)
                                                        .standardParts(standardSingle, standardPart)
                                                        .unicodeParts(unicodeSingle, unicodePart)
                                                        .cut(cut).collapsesSpaces(collapses).build()))))))));
        return Generate.frequency(List.of(
                Pair.of(2, Generate.constant(SmsProfile.GSM_03_38)),
                Pair.of(3, Generate.constant(ZenviaSmsGateway.PROFILE)),
                Pair.of(5, any)));
    }

    /** Words of Portuguese-ish text, spaces, tabs and runs of them, escapes and emoji, near 66/70/152/160. */
    private static Gen<String> wordsNearBoundaries() {
        Gen<String> token = Generate.frequency(List.of(
                Pair.of(40, Generate.pick(List.of("a", "B", "7", ".", "é", "Ç", "à", "|", "ñ"))),
                Pair.of(12, Generate.pick(List.of(" ", " ", "  ", "\t", " \t "))),
                Pair.of(6, TextGen.each(GSM7_EXTENSION)),
                Pair.of(4, Generate.pick(List.of("ç", "ã", "õ", "º", "\u00A0"))),
                Pair.of(2, Generate.pick(List.of("\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D")))));
        Gen<Integer> length = Generate.oneOf(Generate.range(0, 400), Generate.range(60, 75),
                Generate.range(145, 165), Generate.range(295, 320));
        return TextGen.joined(token, length);
    }

    /** Units a code point takes in {@code encoding} under {@code profile}, or 0 when the standard set lacks it. */
    private static int width(int codePoint, SmsProfile profile, MessageEncoding encoding) {
        if (encoding == MessageEncoding.UCS_2) {
            return Character.charCount(codePoint);
        }
        String s = new String(Character.toChars(codePoint));
        if (profile.unicodeOnly().contains(s)) {
            return 0;
        }
        if (GSM7_BASIC.contains(s)) {
            return 1;
        }
        return profile.extensionTable() && GSM7_EXTENSION.contains(s) ? 2 : 0;
    }

    /** The obvious, slow way: rewrite the spaces, pick the encoding, then fill parts greedily. */
    private record Reference(String sent, MessageEncoding encoding, int units, int parts) {

        static Reference of(String text, SmsProfile profile) {
            String sent = profile.collapsesSpaces() ? text.replaceAll("[ \t]+", " ") : text;
            MessageEncoding encoding = sent.codePoints().allMatch(cp -> width(cp, profile, MessageEncoding.GSM_7) > 0)
                    ? MessageEncoding.GSM_7 : MessageEncoding.UCS_2;
            boolean standard = encoding == MessageEncoding.GSM_7;
            int single = standard ? profile.standardSingle() : profile.unicodeSingle();
            int part = standard ? profile.standardPart() : profile.unicodePart();
            int units = widthOf(sent, profile, encoding);
            if (units <= single) {
                return new Reference(sent, encoding, units, 1);
            }
            int parts;
            if (profile.cut() == SmsProfile.Cut.ANYWHERE) {
                parts = greedy(sent, profile, encoding, part);
            } else {
                parts = 0;
                int free = 0;
                for (String word : sent.split(" ", -1)) {
                    int w = widthOf(word, profile, encoding);
                    if (parts > 0 && 1 + w <= free) {
                        free -= 1 + w;
                    } else if (parts > 0 && w == 0) {
                        continue;
                    } else if (w <= part) {
                        parts++;
                        free = part - w;
                    } else {
                        int cut = greedy(word, profile, encoding, part);
                        parts += cut;
                        free = part - lastPartUnits(word, profile, encoding, part);
                    }
                }
            }
            return new Reference(sent, encoding, units, parts);
        }

        private static int widthOf(String text, SmsProfile profile, MessageEncoding encoding) {
            return text.codePoints().map(cp -> width(cp, profile, encoding)).sum();
        }

        private static int greedy(String text, SmsProfile profile, MessageEncoding encoding, int part) {
            int parts = 1;
            int free = part;
            for (int w : text.codePoints().map(cp -> width(cp, profile, encoding)).toArray()) {
                if (w > free) {
                    parts++;
                    free = part;
                }
                free -= w;
            }
            return parts;
        }

        private static int lastPartUnits(String text, SmsProfile profile, MessageEncoding encoding, int part) {
            int used = 0;
            for (int w : text.codePoints().map(cp -> width(cp, profile, encoding)).toArray()) {
                used = used + w > part ? w : used + w;
            }
            return used;
        }
    }
}
