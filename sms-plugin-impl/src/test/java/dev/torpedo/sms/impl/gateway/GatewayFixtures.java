package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;

import java.time.Duration;
import java.time.Instant;

/** Values the gateway tests share: one message, secrets to look for in logs, short timeouts. */
public final class GatewayFixtures {

    /** 2026-03-10 12:00 in São Paulo, the send window open. */
    public static final Instant NOON = Instant.parse("2026-03-10T15:00:00Z");

    public static final String TEXT = "Loja Exemplo: recebemos seu pedido 1234. Obrigado! Contato: 1133334444";
    public static final MobileNumber TO = MobileNumber.of("+5511912345678");
    public static final OutboundSms SMS = new OutboundSms("1234", StoreId.of("loja-1"), TO, TEXT,
            MessageEncoding.GSM_7, 1);

    public static final String ZENVIA_TOKEN = "zen-token-9f8e7d6c5b4a";
    public static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String TWILIO_TOKEN = "twilio-auth-token-1a2b3c4d5e6f";
    public static final String WEBHOOK_SECRET = "webhook-secret-0f1e2d3c4b5a";

    /** Short enough that a test of a stalled provider costs about two seconds. */
    public static final HttpSettings FAST = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3), 16);

    private GatewayFixtures() {
    }

    public static OutboundSms sms(String messageId, MobileNumber to) {
        return new OutboundSms(messageId, StoreId.of("loja-1"), to, TEXT, MessageEncoding.GSM_7, 1);
    }
}
