package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.spi.SmsProfile;

import java.text.Normalizer;

/**
 * Rewrites text into a provider's standard 7-bit set (GSM 03.38, or less: {@link SmsProfile}), because unicode
 * fits less than half as many characters per part and some carriers (Oi) do not show it at all. Characters
 * already in the set are kept (under GSM 03.38: é, à, Ç, ü, ñ); other letters lose their accent (ç → c, ã → a,
 * and under Zenvia's profile é → e, Ç → C too); common typography gets an ASCII look-alike, and the extension
 * table's symbols one where the set lacks them (€ → EUR, { → (, | → /); anything else becomes {@code ?}.
 */
public final class Gsm7Transliterator {

    private static final char UNKNOWN = '?';

    private Gsm7Transliterator() {
    }

    /** {@link #toStandard(String, SmsProfile)} under GSM 03.38. */
    public static String toGsm7(String text) {
        return toStandard(text, SmsProfile.GSM_03_38);
    }

    /**
     * Returns {@code text} with every character in the profile's standard set, or {@code text} itself when it
     * already is. Never throws for a non-null string, unpaired surrogates included.
     *
     * @throws NullPointerException when {@code text} or {@code profile} is null
     */
    public static String toStandard(String text, SmsProfile profile) {
        StandardSet standard = StandardSet.of(profile);
        if (standard.holdsAll(text)) {
            return text;
        }
        // Composing first keeps "e" + combining acute as the GSM-7 "é" instead of a bare "e".
        String source = Normalizer.normalize(text, Normalizer.Form.NFC);
        int length = source.length();
        StringBuilder out = new StringBuilder(length + 8);
        int i = 0;
        while (i < length) {
            char c = source.charAt(i);
            if (standard.contains(c)) {
                out.append(c);
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                // One symbol (an emoji), one '?': the pair is a single character for the reader.
                boolean pair = Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(source.charAt(i + 1));
                out.append(UNKNOWN);
                i += pair ? 2 : 1;
                continue;
            }
            appendReplacement(out, c, standard);
            i++;
        }
        return out.toString();
    }

    private static void appendReplacement(StringBuilder out, char c, StandardSet standard) {
        String typography = typography(c);
        String symbol = extensionSymbol(c);
        if (typography != null) {
            out.append(typography);
        } else if (symbol != null) {
            out.append(symbol);
        } else if (c == '\t' || Character.isISOControl(c) || Character.isSpaceChar(c)) {
            out.append(' ');
        } else if (isInvisible(c)) {
            // Soft hyphens, zero-width joiners, BOMs and emoji variation selectors come along with
            // copied product names; they show nothing, so a '?' in their place would be noise.
            return;
        } else {
            out.append(withoutAccents(c, standard));
        }
    }

    /** Look-alikes, in the default alphabet, of the extension table's symbols, for a set without the table. */
    private static String extensionSymbol(char c) {
        return switch (c) {
            case '\u20AC' -> "EUR";
            case '[', '{' -> "(";
            case ']', '}' -> ")";
            case '\\', '|' -> "/";
            case '~' -> "-";
            case '^' -> "'";
            case '\f' -> " ";
            default -> null;
        };
    }

    private static String typography(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u2039', '\u203A', '`', '\u00B4' -> "'";
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> "\"";
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2022' -> "-";
            case '\u2026' -> "...";
            case '\u00AA' -> "a";
            case '\u00BA', '\u00B0' -> "o";
            case '\u00B9' -> "1";
            case '\u00B2' -> "2";
            case '\u00B3' -> "3";
            case '\u2122' -> "TM";
            case '\u00A9' -> "(C)";
            case '\u00AE' -> "(R)";
            case '\u00BD' -> "1/2";
            case '\u00BC' -> "1/4";
            case '\u00BE' -> "3/4";
            default -> null;
        };
    }

    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || isMark(type);
    }

    private static boolean isMark(int type) {
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static String withoutAccents(char c, StandardSet standard) {
        String single = String.valueOf(c);
        String base = stripMarks(Normalizer.normalize(single, Normalizer.Form.NFD));
        if (!base.isEmpty() && standard.holdsAll(base)) {
            return base;
        }
        // Compatibility forms (full-width letters, ligatures like "ﬁ", "№") still have a readable GSM-7 spelling.
        base = stripMarks(Normalizer.normalize(single, Normalizer.Form.NFKD));
        if (!base.isEmpty() && standard.holdsAll(base)) {
            return base;
        }
        return String.valueOf(UNKNOWN);
    }

    private static String stripMarks(String decomposed) {
        StringBuilder kept = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (!isMark(Character.getType(c))) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
