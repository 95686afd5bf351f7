package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.spi.SmsProfile;
import dev.torpedo.sms.impl.testing.TextGen;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SegmentCounterTest {

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, one surrogate pair

    @Nested
    class Gsm7 {

        @ParameterizedTest(name = "{0} plain characters take {1} segment(s)")
        @CsvSource({"1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4"})
        void plainTextFillsOneSegmentUpTo160AndThen153EachPart(int length, int segments) {
            EncodedText encoded = SegmentCounter.encode("a".repeat(length));

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.GSM_7);
            assertThat(encoded.units()).isEqualTo(length);
            assertThat(encoded.segments()).isEqualTo(segments);
            assertThat(encoded.credits()).isEqualTo(segments);
        }

        @Test
        void aProfileOfTheHostsOwnCountsTheEuroSignAsTwoSeptetsToo() {
            // A profile built now (profiles are told apart by identity) gets its own table, computed as the
            // built-in one was.
            SmsProfile own = SmsProfile.builder("host-gateway").build();

            EncodedText encoded = SegmentCounter.encode("R$ 10 ou 2 €", own);

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.GSM_7);
            assertThat(encoded.units()).isEqualTo(11 + 2);
        }

        @Test
        void anExtensionCharacterTakesTwoSeptets() {
            EncodedText encoded = SegmentCounter.encode("R$ 10 {promo} €");

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.GSM_7);
            assertThat(encoded.units()).isEqualTo(15 + 3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"})
        void everyExtensionCharacterCountsTwoSeptets(String extension) {
            EncodedText encoded = SegmentCounter.encode(extension);

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.GSM_7);
            assertThat(encoded.units()).isEqualTo(2);
        }

        @Test
        void eightyEuroSignsFillExactlyOneSegment() {
            EncodedText encoded = SegmentCounter.encode("€".repeat(80));

            assertThat(encoded.units()).isEqualTo(160);
            assertThat(encoded.segments()).isEqualTo(1);
        }

        @Test
        void eightyOneEuroSignsNeedTwoSegments() {
            // 76 signs (152 septets) fill the first part, the other 5 (10 septets) the second.
            EncodedText encoded = SegmentCounter.encode("€".repeat(81));

            assertThat(encoded.units()).isEqualTo(162);
            assertThat(encoded.segments()).isEqualTo(2);
        }

        @Test
        void anExtensionCharacterThatWouldStraddleTheSplitMovesToTheNextSegment() {
            // 152 + 2 + 152 = 306 septets, which would be 2 x 153 if the € could be split;
            // it cannot, so the first part carries 152, the second € + 151, the third 1.
            EncodedText encoded = SegmentCounter.encode("a".repeat(152) + "€" + "a".repeat(152));

            assertThat(encoded.units()).isEqualTo(306);
            assertThat(encoded.segments()).isEqualTo(3);
        }

        @Test
        void anExtensionCharacterRightAfterAFullSegmentNeedsNoExtraSegment() {
            EncodedText encoded = SegmentCounter.encode("a".repeat(153) + "€" + "a".repeat(151));

            assertThat(encoded.units()).isEqualTo(306);
            assertThat(encoded.segments()).isEqualTo(2);
        }

        @Test
        void anExtensionCharacterAtTheSplitOfAShortLongMessageStillTakesTwoSegments() {
            EncodedText encoded = SegmentCounter.encode("a".repeat(152) + "€" + "a".repeat(7));

            assertThat(encoded.units()).isEqualTo(161);
            assertThat(encoded.segments()).isEqualTo(2);
        }

        @Test
        void anExtensionCharacterEndingASingleSegmentFits() {
            EncodedText encoded = SegmentCounter.encode("a".repeat(158) + "€");

            assertThat(encoded.units()).isEqualTo(160);
            assertThat(encoded.segments()).isEqualTo(1);
        }
    }

    @Nested
    class Ucs2 {

        @ParameterizedTest(name = "{0} characters beyond GSM-7 take {1} segment(s)")
        @CsvSource({"1, 1", "70, 1", "71, 2", "134, 2", "135, 3", "201, 3", "202, 4"})
        void unicodeTextFillsOneSegmentUpTo70AndThen67EachPart(int length, int segments) {
            EncodedText encoded = SegmentCounter.encode("ã".repeat(length));

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.UCS_2);
            assertThat(encoded.units()).isEqualTo(length);
            assertThat(encoded.segments()).isEqualTo(segments);
        }

        @Test
        void oneCharacterOutsideGsm7MakesTheWholeTextUcs2() {
            EncodedText encoded = SegmentCounter.encode("a".repeat(100) + "ç");

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.UCS_2);
            assertThat(encoded.units()).isEqualTo(101);
            assertThat(encoded.segments()).isEqualTo(2);
        }

        @Test
        void anExtensionCharacterCountsOneUnitInUcs2() {
            EncodedText encoded = SegmentCounter.encode("ã€");

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.UCS_2);
            assertThat(encoded.units()).isEqualTo(2);
        }

        @Test
        void anEmojiCountsTwoUnits() {
            EncodedText encoded = SegmentCounter.encode(EMOJI);

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.UCS_2);
            assertThat(encoded.units()).isEqualTo(2);
            assertThat(encoded.segments()).isEqualTo(1);
        }

        @Test
        void thirtyFiveEmojiFillOneSegmentAndThirtySixNeedTwo() {
            assertThat(SegmentCounter.encode(EMOJI.repeat(35)).segments()).isEqualTo(1);
            assertThat(SegmentCounter.encode(EMOJI.repeat(36)).segments()).isEqualTo(2);
        }

        @Test
        void anEmojiThatWouldStraddleTheSplitMovesToTheNextSegment() {
            // 66 + 2 + 66 = 134 units, which would be 2 x 67 if the pair could be split;
            // it cannot, so the first part carries 66, the second the emoji + 65, the third 1.
            EncodedText encoded = SegmentCounter.encode("ã".repeat(66) + EMOJI + "ã".repeat(66));

            assertThat(encoded.units()).isEqualTo(134);
            assertThat(encoded.segments()).isEqualTo(3);
        }

        @Test
        void anEmojiRightAfterAFullSegmentNeedsNoExtraSegment() {
            EncodedText encoded = SegmentCounter.encode("ã".repeat(67) + EMOJI + "ã".repeat(65));

            assertThat(encoded.units()).isEqualTo(134);
            assertThat(encoded.segments()).isEqualTo(2);
        }

        @Test
        void anEmojiEndingASingleSegmentFits() {
            EncodedText encoded = SegmentCounter.encode("a".repeat(68) + EMOJI);

            assertThat(encoded.units()).isEqualTo(70);
            assertThat(encoded.segments()).isEqualTo(1);
        }

        @Test
        void anUnpairedSurrogateCountsOneUnit() {
            EncodedText encoded = SegmentCounter.encode("a\uD83Db");

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.UCS_2);
            assertThat(encoded.units()).isEqualTo(3);
            assertThat(encoded.segments()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyTextIsOneGsm7SegmentOfNoUnits() {
        EncodedText encoded = SegmentCounter.encode("");

        assertThat(encoded.text()).isEmpty();
        assertThat(encoded.encoding()).isEqualTo(MessageEncoding.GSM_7);
        assertThat(encoded.units()).isZero();
        assertThat(encoded.segments()).isEqualTo(1);
        assertThat(encoded.credits()).isEqualTo(1);
    }

    @Test
    void theEncodedTextKeepsTheOriginalText() {
        assertThat(SegmentCounter.encode("Olá").text()).isEqualTo("Olá");
    }

    @Test
    void aNullTextIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> SegmentCounter.encode(null));
    }

    @Test
    void theWholeGsm7AlphabetIsRecognised() {
        String basic = TextGen.GSM7_BASIC;

        assertThat(SegmentCounter.isGsm7(basic)).isTrue();
        assertThat(SegmentCounter.encode(basic).units()).isEqualTo(basic.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ç", "ã", "õ", "á", "í", "ó", "ú", "â", "ê", "ô", "`", "\u001B", "\t", "\u00A0", "α", "\u0400", EMOJI})
    void charactersOutsideGsm7AreNotGsm7(String character) {
        assertThat(SegmentCounter.isGsm7(character)).isFalse();
    }

    @Test
    void isGsm7AcceptsAnyCharSequence() {
        assertThat(SegmentCounter.isGsm7(new StringBuilder("Preço: R$ 10"))).isFalse();
        assertThat(SegmentCounter.isGsm7(new StringBuilder("Preco: R$ 10"))).isTrue();
        assertThat(SegmentCounter.isGsm7("")).isTrue();
    }
}
