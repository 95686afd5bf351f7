package dev.torpedo.sms.impl.testing;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for text that the library has no counterpart for: any UTF-16 sequence (lone
 * surrogates included), text over a given alphabet, and text joined from weighted tokens. Each one shrinks
 * towards shorter strings of earlier characters, so a failing property prints a small counter-example.
 *
 * <pre>{@code
 * qt().withExamples(2000).forAll(TextGen.anyUtf16(500)).checkAssert(text -> ...);
 * qt().forAll(TextGen.over(TextGen.GSM7_BASIC + TextGen.GSM7_EXTENSION, 500)).checkAssert(...);
 * }</pre>
 */
public final class TextGen {

    /** GSM 03.38's basic set, written out from the standard independently of the production table. */
    public static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** GSM 03.38's extension table: each of these takes two septets (an escape and the character). */
    public static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    private TextGen() {
    }

    /**
     * Any sequence of up to {@code maxChars} UTF-16 chars: every char value from U+0000 to U+FFFF (so lone
     * surrogates too), well-formed surrogate pairs, and now and then a pair cut in half.
     */
    public static Gen<String> anyUtf16(int maxChars) {
        Gen<String> unit = Generate.frequency(List.of(
                Pair.of(12, Generate.range(0, 0xFFFF).map((Integer value) -> charAsString(value))),
                Pair.of(3, Generate.range(0x1_0000, Character.MAX_CODE_POINT).map((Integer codePoint) -> Character.toString(codePoint))),
                Pair.of(1, Generate.range(Character.MIN_HIGH_SURROGATE, Character.MAX_HIGH_SURROGATE)
                        .map((Integer value) -> charAsString(value))),
                Pair.of(1, Generate.range(Character.MIN_LOW_SURROGATE, Character.MAX_LOW_SURROGATE)
                        .map((Integer value) -> charAsString(value)))));
        return joined(unit, integers().between(0, maxChars)).map(text -> truncate(text, maxChars));
    }

    /** Strings of up to {@code maxLength} characters, each one of {@code alphabet}'s code points. */
    public static Gen<String> over(String alphabet, int maxLength) {
        return joined(each(alphabet), integers().between(0, maxLength));
    }

    /** Each code point of {@code characters}, as a one-character string, picked evenly. */
    public static Gen<String> each(String characters) {
        return Generate.pick(characters.codePoints().mapToObj(Character::toString).toList());
    }

    /** {@code count} tokens drawn from {@code token}, concatenated. */
    public static Gen<String> joined(Gen<String> token, Gen<Integer> count) {
        return lists().of(token).ofSizes(count).map(tokens -> String.join("", tokens));
    }

    /** Markup, template code and injection that a hostile shopper or host might type; {@link #NEVER_ECHOED} marks them. */
    public static final List<String> HOSTILE_TOKENS = List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "${1234*1000}", "<#assign x=1234*1000>${x}", "[#ftl]", "'; DROP TABLE sms_message; --", "%00", "\u0000",
            "\r\n", "\u202E", "../../etc/passwd", "{{1234*1000}}", "&#x3C;script&#x3E;", "😀", "Ç", " ", "(11) 91234-5678");
    /** What must never appear in a page made from {@link #hostile}: raw markup, or an expression evaluated. */
    public static final List<String> NEVER_ECHOED = List.of("<script>alert", "<img src=x", "1234000");

    /** Text a hostile user types: any UTF-16 now and then, mostly {@link #HOSTILE_TOKENS} and ordinary letters. */
    public static Gen<String> hostile(int maxTokens) {
        Gen<String> token = Generate.frequency(List.of(
                Pair.of(6, Generate.pick(HOSTILE_TOKENS)),
                Pair.of(4, Generate.pick(List.of("a", "Loja", "981", " ", "-", "9"))),
                Pair.of(1, anyUtf16(20))));
        return joined(token, integers().between(0, maxTokens));
    }

    private static String charAsString(int value) {
        return String.valueOf((char) value);
    }

    private static String truncate(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }
}
