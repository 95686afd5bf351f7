package dev.torpedo.sms.admin;

import dev.torpedo.sms.impl.i18n.LocalTimes;
import dev.torpedo.sms.impl.i18n.Reasons;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueuedMessage;
import dev.torpedo.sms.impl.window.SendWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A message's state as the merchant reads it, in words and in the recipient's local time: "Agendada para amanhã
 * às 09:00 (horário de Brasília)", "Enviada hoje às 14:03 (horário do Amazonas)", "Recusada: número de telefone
 * fixo". One place for the test result, the order page and the message log.
 */
public final class MessageDescriptions {

    /** Where the store's own times (statement, purchases) are shown: the platform's business days are Brasília's. */
    public static final ZoneId STORE_ZONE = ZoneId.of("America/Sao_Paulo");

    private final Clock clock;

    public MessageDescriptions(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One message, described. */
    public record Described(long id, String recipient, String status, String statusCode, String reason,
                            String detail, String createdAt, String text, String requestedBy, boolean uncertain) {
    }

    public Described describe(QueuedMessage message, Locale locale) {
        Texts t = new Texts(locale);
        ZoneId zone = recipientZone(message);
        Instant now = clock.instant();
        String detail = switch (message.status()) {
            case QUEUED -> message.notBefore().isAfter(now)
                    ? t.get("message.scheduled", LocalTimes.describe(message.notBefore(), zone, now, locale))
                    : t.get("message.due");
            case SENT, DELIVERED -> message.sentAt() == null ? ""
                    : t.get("message.sent-at", LocalTimes.describe(message.sentAt(), zone, now, locale));
            case UNCERTAIN -> t.get("message.uncertain");
            case WAITING_CREDIT -> t.get("message.waiting-credit");
            default -> "";
        };
        return new Described(message.id(), Objects.requireNonNullElse(message.recipientMasked(), "–"),
                message.status().label(locale), message.status().name(), Reasons.describe(message.reason(), locale),
                detail, LocalTimes.dateTime(message.createdAt(), zone, locale), textOf(message, t), message.requestedBy(),
                message.status() == MessageStatus.UNCERTAIN);
    }

    /** The text as sent, but for a shopper's one-time code, which is theirs alone to read. */
    private static String textOf(QueuedMessage message, Texts t) {
        if (message.kind() == MessageKind.DATA_REMOVAL) {
            return t.get("message.code-hidden");
        }
        return Objects.requireNonNullElse(message.body(), "");
    }

    /**
     * The recipient's zone from the DDD of the masked number ({@code +55 11 9****-5678}); Brasília's when the
     * number was never valid or has been purged.
     */
    private static ZoneId recipientZone(QueuedMessage message) {
        String masked = message.recipientMasked();
        if (masked == null || masked.length() < 6 || !Character.isDigit(masked.charAt(4))) {
            return STORE_ZONE;
        }
        return SendWindow.zoneOfAreaCode(Integer.parseInt(masked.substring(4, 6)));
    }
}
