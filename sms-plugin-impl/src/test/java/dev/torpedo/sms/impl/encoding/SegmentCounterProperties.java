package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.MessageEncoding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.StringLength;


import static org.assertj.core.api.Assertions.assertThat;

class SegmentCounterProperties {

    // Written out independently of the production table, from GSM 03.38.
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    @Property(tries = 2000)
    void segmentsMatchTheReferenceForAnyString(@ForAll @StringLength(max = 500) String text) {
        assertMatchesReference(text);
    }

    @Property(tries = 1000)
    void segmentsMatchTheReferenceForStringsOfAnyChar(@ForAll("anyChars") String text) {
        assertMatchesReference(text);
    }

    @Property(tries = 5000)
    void segmentsMatchTheReferenceNearSegmentBoundaries(@ForAll("nearlyGsm7") String text) {
        assertMatchesReference(text);
    }

    @Property(tries = 2000)
    void transliterationAlwaysYieldsGsm7(@ForAll @StringLength(max = 500) String text) {
        assertTransliteratesToGsm7(text);
    }

    @Property(tries = 1000)
    void transliterationYieldsGsm7ForStringsOfAnyChar(@ForAll("anyChars") String text) {
        assertTransliteratesToGsm7(text);
    }

    @Property(tries = 2000)
    void transliterationYieldsGsm7ForNearlyGsm7Text(@ForAll("nearlyGsm7") String text) {
        assertTransliteratesToGsm7(text);
    }

    @Property(tries = 1000)
    void transliterationLeavesGsm7TextAlone(@ForAll("gsm7") String text) {
        assertThat(Gsm7Transliterator.toGsm7(text)).isSameAs(text);
    }

    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.strings().all().ofMaxLength(500);
    }

    @Provide
    Arbitrary<String> gsm7() {
        return Arbitraries.strings().withChars(BASIC + EXTENSION).ofMaxLength(500);
    }

    @Provide
    Arbitrary<String> nearlyGsm7() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.of("a", "B", "7", " ", ".", "é", "à", "Ç", "Δ", "\n")),
                Tuple.of(8, Arbitraries.of(EXTENSION.chars().mapToObj(c -> String.valueOf((char) c)).toList())),
                Tuple.of(2, Arbitraries.of("ç", "ã", "õ", "á", "ô", "\u00A0", "\u2019", "\u2026", "e\u0301")),
                Tuple.of(2, Arbitraries.of("\uD83D\uDE00", "\uD83D\uDE9A", "\u2764\uFE0F", "\uD83D\uDC4D\uD83C\uDFFD")),
                Tuple.of(1, Arbitraries.of("\uD83D", "\uDE00", "\u4E2D")));
        // Lengths cluster around the 70/134/160/306 boundaries so that the edge cases come up often.
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(0, 500)),
                Tuple.of(1, Arbitraries.integers().between(60, 80)),
                Tuple.of(1, Arbitraries.integers().between(125, 140)),
                Tuple.of(1, Arbitraries.integers().between(145, 165)),
                Tuple.of(1, Arbitraries.integers().between(295, 310)));
        return length.flatMap(n -> token.list().ofSize(n).map(tokens -> String.join("", tokens)));
    }

    private static void assertMatchesReference(String text) {
        EncodedText encoded = SegmentCounter.encode(text);
        Reference expected = Reference.of(text);

        assertThat(encoded.text()).isSameAs(text);
        assertThat(encoded.encoding()).isEqualTo(expected.encoding);
        assertThat(encoded.units()).isEqualTo(expected.units);
        assertThat(encoded.segments()).isEqualTo(expected.segments);
        assertThat(encoded.credits()).isEqualTo(expected.segments);
        assertThat(SegmentCounter.isGsm7(text)).isEqualTo(expected.encoding == MessageEncoding.GSM_7);
    }

    private static void assertTransliteratesToGsm7(String text) {
        String gsm7 = Gsm7Transliterator.toGsm7(text);

        assertThat(isGsm7ByReference(gsm7)).as("all GSM-7: %s", gsm7).isTrue();
        assertThat(SegmentCounter.isGsm7(gsm7)).isTrue();
        assertThat(SegmentCounter.encode(gsm7).encoding()).isEqualTo(MessageEncoding.GSM_7);
    }

    private static boolean isGsm7ByReference(String text) {
        return text.codePoints().allMatch(cp -> width(cp, MessageEncoding.GSM_7) > 0);
    }

    /** Units a code point takes, or 0 when GSM-7 cannot carry it. Unpaired surrogates come as code points too. */
    private static int width(int codePoint, MessageEncoding encoding) {
        if (encoding == MessageEncoding.UCS_2) {
            return Character.charCount(codePoint);
        }
        String s = new String(Character.toChars(codePoint));
        if (BASIC.contains(s)) {
            return 1;
        }
        return EXTENSION.contains(s) ? 2 : 0;
    }

    /** The obvious, slow way: pick the encoding, then pack whole characters greedily. */
    private record Reference(MessageEncoding encoding, int units, int segments) {

        static Reference of(String text) {
            MessageEncoding encoding = isGsm7ByReference(text) ? MessageEncoding.GSM_7 : MessageEncoding.UCS_2;
            int[] widths = text.codePoints().map(cp -> width(cp, encoding)).toArray();
            int units = 0;
            for (int w : widths) {
                units += w;
            }
            if (units <= encoding.singleSegmentCapacity()) {
                return new Reference(encoding, units, 1);
            }
            int segments = 1;
            int free = encoding.concatenatedSegmentCapacity();
            for (int w : widths) {
                if (w > free) {
                    segments++;
                    free = encoding.concatenatedSegmentCapacity();
                }
                free -= w;
            }
            return new Reference(encoding, units, segments);
        }
    }
}
