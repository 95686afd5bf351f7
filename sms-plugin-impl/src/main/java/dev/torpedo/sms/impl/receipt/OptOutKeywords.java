package dev.torpedo.sms.impl.receipt;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The replies that stop all messages to a number: SAIR, PARE, PARAR, STOP and CANCELAR. A reply is one of them
 * when, ignoring case, accents and whatever spaces, punctuation or emoji surround it, it is exactly the word:
 * {@code " sair "}, {@code "Pare!"} and {@code "CANCELÁR"} are; {@code "não quero sair"} is not, so that a
 * shopper's ordinary message is never taken for an opt-out.
 *
 * <pre>{@code
 * OptOutKeywords.match("Pare!");       // Optional[PARE]
 * OptOutKeywords.match("Obrigada");    // Optional.empty
 * }</pre>
 */
public final class OptOutKeywords {

    /** The keywords, in their canonical form. */
    public static final List<String> KEYWORDS = List.of("SAIR", "PARE", "PARAR", "STOP", "CANCELAR");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Anything but letters and digits at either end: spaces, punctuation, quotes, emoji. */
    private static final Pattern SURROUNDINGS = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

    private OptOutKeywords() {
    }

    /** The keyword {@code reply} is, if it is one. */
    public static Optional<String> match(String reply) {
        // Longer than the longest SMS a shopper can send: a story, not a keyword (and not worth normalizing).
        if (reply == null || reply.length() > 1600) {
            return Optional.empty();
        }
        // NFKD splits accents off their letters (and folds full-width letters), so dropping the marks leaves A for Á.
        String word = MARKS.matcher(Normalizer.normalize(reply, Normalizer.Form.NFKD)).replaceAll("");
        word = SURROUNDINGS.matcher(word).replaceAll("").toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(word) ? Optional.of(word) : Optional.empty();
    }
}
