package dev.torpedo.sms.impl.encoding;

import static dev.torpedo.sms.impl.testing.TextGen.GSM7_BASIC;
import static dev.torpedo.sms.impl.testing.TextGen.GSM7_EXTENSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.impl.testing.TextGen;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SegmentCounterProperties {

    @Test
    void segmentsMatchTheReferenceForAnyString() {
        qt().withExamples(3000).forAll(TextGen.anyUtf16(500)).checkAssert(SegmentCounterProperties::assertMatchesReference);
    }

    @Test
    void segmentsMatchTheReferenceNearSegmentBoundaries() {
        qt().withExamples(5000).forAll(nearlyGsm7()).checkAssert(SegmentCounterProperties::assertMatchesReference);
    }

    @Test
    void transliterationAlwaysYieldsGsm7() {
        qt().withExamples(3000).forAll(TextGen.anyUtf16(500))
                .checkAssert(SegmentCounterProperties::assertTransliteratesToGsm7);
    }

    @Test
    void transliterationYieldsGsm7ForNearlyGsm7Text() {
        qt().withExamples(2000).forAll(nearlyGsm7()).checkAssert(SegmentCounterProperties::assertTransliteratesToGsm7);
    }

    @Test
    void transliterationLeavesGsm7TextAlone() {
        qt().withExamples(1000).forAll(TextGen.over(GSM7_BASIC + GSM7_EXTENSION, 500))
                .checkAssert(text -> assertThat(Gsm7Transliterator.toGsm7(text)).isSameAs(text));
    }

    /** Mostly GSM-7 with escapes, a little Portuguese UCS-2, emoji and broken surrogates, near the boundaries. */
    private static Gen<String> nearlyGsm7() {
        Gen<String> token = Generate.frequency(List.of(
                Pair.of(40, Generate.pick(List.of("a", "B", "7", " ", ".", "é", "à", "Ç", "Δ", "\n"))),
                Pair.of(8, TextGen.each(GSM7_EXTENSION)),
                Pair.of(2, Generate.pick(List.of("ç", "ã", "õ", "á", "ô", "\u00A0", "\u2019", "\u2026", "e\u0301"))),
                Pair.of(2, Generate.pick(List.of("\uD83D\uDE00", "\uD83D\uDE9A", "\u2764\uFE0F", "\uD83D\uDC4D\uD83C\uDFFD"))),
                Pair.of(1, Generate.pick(List.of("\uD83D", "\uDE00", "\u4E2D")))));
        // Lengths cluster around the 70/134/160/306 boundaries so that the edge cases come up often.
        Gen<Integer> length = Generate.oneOf(
                Generate.range(0, 500),
                Generate.range(60, 80),
                Generate.range(125, 140),
                Generate.range(145, 165),
                Generate.range(295, 310));
        return TextGen.joined(token, length);
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
        if (GSM7_BASIC.contains(s)) {
            return 1;
        }
        return GSM7_EXTENSION.contains(s) ? 2 : 0;
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
