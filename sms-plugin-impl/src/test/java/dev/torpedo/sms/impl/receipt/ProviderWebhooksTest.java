package dev.torpedo.sms.impl.receipt;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.LogCapture;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.ReceiptRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.testing.TwilioTestSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.torpedo.sms.impl.testing.ReceiptRig.STORE;
import static org.assertj.core.api.Assertions.assertThat;

/** Zenvia's and Twilio's webhooks end to end, below HTTP: authentication, parsing, and what reaches the database. */
class ProviderWebhooksTest {

    static final String ZENVIA_SECRET = "zen-secret-7f3a9c";
    static final String TWILIO_TOKEN = "twilio-token-5d21e8";
    static final String STATUS_URL = "https://loja.example.com/torpedo/sms/webhooks/twilio/status";
    static final String INBOUND_URL = "https://loja.example.com/torpedo/sms/webhooks/twilio/inbound";
    static final MobileNumber SHOPPER = MobileNumber.of("+5511987654321");

    static String zenviaStatus(String eventId, String messageId, String code, String extra) {
        return """
                {"id": "%s", "timestamp": "2026-03-10T12:00:05-03:00", "type": "MESSAGE_STATUS",
                 "subscriptionId": "sub-1", "channel": "sms", "messageId": "%s", "contentIndex": 0%s,
                 "messageStatus": {"timestamp": "2026-03-10T12:00:04-03:00", "code": "%s", "description": "x"}}
                """.formatted(eventId, messageId, extra, code);
    }

    static String zenviaInbound(String from, String text, String direction) {
        return """
                {"id": "evt-in-1", "timestamp": "2026-03-10T12:00:05-03:00", "type": "MESSAGE", "subscriptionId": "sub-2",
                 "channel": "sms", "direction": "%s",
                 "message": {"id": "msg-in-1", "from": "%s", "to": "loja-da-ana", "direction": "%s", "channel": "sms",
                             "contents": [{"type": "text", "text": "%s"}]}}
                """.formatted(direction, from, direction, text);
    }

    abstract static class Contract extends DatabaseContract {

        ReceiptRig rig;
        ZenviaWebhooks zenvia;
        TwilioWebhooks twilio;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new ReceiptRig(db);
            zenvia = new ZenviaWebhooks(ZENVIA_SECRET, rig.receipts(), rig.optOut());
            twilio = new TwilioWebhooks(TWILIO_TOKEN, rig.receipts(), rig.optOut());
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        static Function<String, String> secret(String value) {
            return name -> ZenviaWebhooks.SECRET_HEADER.equals(name) ? value : null;
        }

        static Map<String, List<String>> form(Map<String, String> params) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            params.forEach((name, value) -> form.put(name, List.of(value)));
            return form;
        }

        WebhookResponse twilioStatus(String url, Map<String, String> params) {
            return twilio.statusCallback(url, form(params), TwilioTestSigner.sign(TWILIO_TOKEN, url, params));
        }

        MessageStatus status(long id) {
            return rig.queue().message(id).status();
        }

        // ------------------------------------------------------------------ Zenvia

        @Test
        void aZenviaStatusEventWithTheSecretDeliversTheMessageAtZenviasTime() {
            long id = rig.sent(SHOPPER, "zenvia", "zen-1");

            WebhookResponse response = zenvia.handle(secret(ZENVIA_SECRET), zenviaStatus("evt-1", "zen-1", "DELIVERED", ""));

            assertThat(response).isEqualTo(new WebhookResponse(200, "text/plain;charset=UTF-8", "ok"));
            assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
            Instant deliveredAt = db.jdbc().queryForObject("SELECT delivered_at FROM sms_message WHERE id = ?",
                    (rs, n) -> DbTime.fromDb(rs, "delivered_at"), id);
            assertThat(deliveredAt).isEqualTo(Instant.parse("2026-03-10T15:00:04Z"));
        }

        @Test
        void aZenviaNotDeliveredEventFailsTheMessageWithTheChannelsErrorCode() {
            long id = rig.sent(SHOPPER, "zenvia", "zen-1");
            String body = zenviaStatus("evt-1", "zen-1", "NOT_DELIVERED", "").replace("\"description\": \"x\"",
                    "\"description\": \"x\", \"causes\": [{\"channelErrorCode\": \"500\", \"reason\": \"absent\"}]");

            assertThat(zenvia.handle(secret(ZENVIA_SECRET), body).status()).isEqualTo(200);

            assertThat(status(id)).isEqualTo(MessageStatus.FAILED);
            assertThat(rig.queue().message(id).reason()).isEqualTo("undelivered: 500");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "wrong", "ZEN-SECRET-7F3A9C", "zen-secret-7f3a9c ", "zen-secret-7f3a9"})
        void aZenviaEventWithAWrongSecretIsRefusedAndChangesNothing(String wrong) {
            rig.sent(SHOPPER, "zenvia", "zen-1");
            var before = rig.snapshot();

            WebhookResponse response = zenvia.handle(secret(wrong), zenviaStatus("evt-1", "zen-1", "DELIVERED", ""));

            assertThat(response.status()).isEqualTo(401);
            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void aZenviaEventWithoutTheSecretIsRefusedAndChangesNothingNotEvenAnOptOut() {
            rig.sent(SHOPPER, "zenvia", "zen-1");
            var before = rig.snapshot();

            assertThat(zenvia.handle(name -> null, zenviaStatus("evt-1", "zen-1", "DELIVERED", "")).status()).isEqualTo(401);
            assertThat(zenvia.handle(name -> null, zenviaInbound("5511987654321", "SAIR", "IN")).status()).isEqualTo(401);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void withoutAConfiguredSecretEveryZenviaEventIsRefused() {
            rig.sent(SHOPPER, "zenvia", "zen-1");
            var before = rig.snapshot();
            ZenviaWebhooks unconfigured = new ZenviaWebhooks(" ", rig.receipts(), rig.optOut());

            assertThat(unconfigured.handle(secret(" "), zenviaStatus("evt-1", "zen-1", "DELIVERED", "")).status()).isEqualTo(403);
            assertThat(unconfigured.handle(secret(""), zenviaStatus("evt-1", "zen-1", "DELIVERED", "")).status()).isEqualTo(403);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void aReplayedZenviaEventGetsTheSameAnswerAndChangesNothing() {
            rig.sent(SHOPPER, "zenvia", "zen-1");
            String event = zenviaStatus("evt-1", "zen-1", "DELIVERED", "");
            WebhookResponse first = zenvia.handle(secret(ZENVIA_SECRET), event);
            var before = rig.snapshot();
            rig.clock().advance(Duration.ofMinutes(3));

            WebhookResponse again = zenvia.handle(secret(ZENVIA_SECRET), event);

            assertThat(again).isEqualTo(first);
            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"not json", "[1, 2]", "{}", "\"MESSAGE_STATUS\"", "{\"type\": \"MESSAGE_STATUS\"}",
                "{\"type\": \"MESSAGE_STATUS\", \"messageId\": \"zen-1\"}",
                "{\"type\": \"MESSAGE\", \"direction\": \"IN\", \"message\": {\"contents\": []}}", "{\"type\": "})
        void aMalformedZenviaBodyIsABadRequestAndChangesNothing(String body) {
            rig.sent(SHOPPER, "zenvia", "zen-1");
            var before = rig.snapshot();

            assertThat(zenvia.handle(secret(ZENVIA_SECRET), body).status()).isEqualTo(400);
            assertThat(zenvia.handle(secret(ZENVIA_SECRET), null).status()).isEqualTo(400);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void otherZenviaEventsAndStatusesAreAcknowledged() {
            long id = rig.sent(SHOPPER, "zenvia", "zen-1");

            assertThat(zenvia.handle(secret(ZENVIA_SECRET), "{\"type\": \"CONVERSATION_STATUS\"}").status()).isEqualTo(200);
            assertThat(zenvia.handle(secret(ZENVIA_SECRET), zenviaStatus("evt-2", "zen-1", "CLICKED", "")).status())
                    .isEqualTo(200);
            assertThat(zenvia.handle(secret(ZENVIA_SECRET), zenviaStatus("evt-3", "zen-404", "DELIVERED", "")).status())
                    .isEqualTo(200);

            assertThat(status(id)).isEqualTo(MessageStatus.SENT);
        }

        @Test
        void aZenviaReplySairOptsTheNumberOut() {
            long queued = rig.queuedForTomorrow(SHOPPER);

            assertThat(zenvia.handle(secret(ZENVIA_SECRET), zenviaInbound("5511987654321", " Sair! ", "IN")).status())
                    .isEqualTo(200);

            assertThat(rig.queue().suppressions().isSuppressed(SHOPPER)).isTrue();
            assertThat(status(queued)).isEqualTo(MessageStatus.CANCELLED);
        }

        @Test
        void ourOwnOutgoingMessagesEchoedByZenviaAreNotReplies() {
            var before = rig.snapshot();

            assertThat(zenvia.handle(secret(ZENVIA_SECRET), zenviaInbound("loja-da-ana", "SAIR", "OUT")).status())
                    .isEqualTo(200);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void zenviasExternalIdResolvesAnUncertainMessage() {
            long id = rig.uncertain(SHOPPER, "zenvia");

            zenvia.handle(secret(ZENVIA_SECRET), zenviaStatus("evt-1", "zen-77", "DELIVERED", ", \"externalId\": \"" + id + "\""));

            assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
            assertThat(rig.queue().message(id).providerMessageId()).isEqualTo("zen-77");
        }

        // ------------------------------------------------------------------ Twilio

        @Test
        void aTwilioStatusCallbackWithAValidSignatureDeliversTheMessage() {
            long id = rig.sent(SHOPPER, "twilio", "SM1");

            WebhookResponse response = twilioStatus(STATUS_URL, Map.of("MessageSid", "SM1", "SmsSid", "SM1",
                    "MessageStatus", "delivered", "SmsStatus", "delivered", "To", "+5511987654321", "From", "+15005550006",
                    "AccountSid", "AC1", "ApiVersion", "2010-04-01"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
        }

        @Test
        void aTwilioStatusCallbackWithAWrongSignatureIsRefusedAndChangesNothing() {
            rig.sent(SHOPPER, "twilio", "SM1");
            Map<String, String> params = Map.of("MessageSid", "SM1", "MessageStatus", "delivered");
            var before = rig.snapshot();

            assertThat(twilio.statusCallback(STATUS_URL, form(params), null).status()).isEqualTo(403);
            assertThat(twilio.statusCallback(STATUS_URL, form(params), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=").status()).isEqualTo(403);
            assertThat(twilio.statusCallback(STATUS_URL, form(params),
                    TwilioTestSigner.sign("another-token", STATUS_URL, params)).status()).isEqualTo(403);
            assertThat(twilio.statusCallback(STATUS_URL, form(params),
                    TwilioTestSigner.sign(TWILIO_TOKEN, "https://evil.example.com/x", params)).status()).isEqualTo(403);
            assertThat(twilio.statusCallback(STATUS_URL, form(Map.of("MessageSid", "SM1", "MessageStatus", "undelivered")),
                    TwilioTestSigner.sign(TWILIO_TOKEN, STATUS_URL, params)).status()).isEqualTo(403);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void withoutAConfiguredAuthTokenEveryTwilioRequestIsRefused() {
            TwilioWebhooks unconfigured = new TwilioWebhooks(null, rig.receipts(), rig.optOut());
            Map<String, String> params = Map.of("From", "+5511987654321", "Body", "STOP");

            assertThat(unconfigured.inbound(INBOUND_URL, form(params), TwilioTestSigner.sign("any-token", INBOUND_URL, params))
                    .status()).isEqualTo(403);

            assertThat(rig.queue().suppressions().isSuppressed(SHOPPER)).isFalse();
        }

        @Test
        void twilioUndeliveredKeepsTheCreditsAndFailedRefundsThem() {
            long undelivered = rig.sent(SHOPPER, "twilio", "SM1");
            long failed = rig.sent(QueueRig.number(3), "twilio", "SM2");
            int balance = rig.queue().ledger().balance(STORE);

            twilioStatus(STATUS_URL, Map.of("MessageSid", "SM1", "MessageStatus", "undelivered", "ErrorCode", "30005"));
            twilioStatus(STATUS_URL, Map.of("MessageSid", "SM2", "MessageStatus", "failed", "ErrorCode", "30007"));

            assertThat(rig.queue().message(undelivered).reason()).isEqualTo("undelivered: 30005");
            assertThat(rig.queue().message(failed).reason()).isEqualTo("undelivered: 30007");
            assertThat(rig.queue().ledgerRows("REFUND", undelivered)).isZero();
            assertThat(rig.queue().ledgerRows("REFUND", failed)).isEqualTo(1);
            assertThat(rig.queue().ledger().balance(STORE)).isEqualTo(balance + 1);
        }

        @Test
        void aSignedTwilioStatusCallbackWithoutItsFieldsIsABadRequest() {
            assertThat(twilioStatus(STATUS_URL, Map.of("MessageSid", "SM1")).status()).isEqualTo(400);
            assertThat(twilioStatus(STATUS_URL, Map.of("MessageStatus", "sent")).status()).isEqualTo(400);
            assertThat(twilio.inbound(INBOUND_URL, form(Map.of("Body", "SAIR")),
                    TwilioTestSigner.sign(TWILIO_TOKEN, INBOUND_URL, Map.of("Body", "SAIR"))).status()).isEqualTo(400);
        }

        @Test
        void theMessageIdInTheCallbackUrlResolvesAnUncertainTwilioMessage() {
            long id = rig.uncertain(SHOPPER, "twilio");
            String url = STATUS_URL + "?" + TwilioWebhooks.MESSAGE_ID_PARAMETER + "=" + id;

            assertThat(twilioStatus(url, Map.of("MessageSid", "SM9", "MessageStatus", "sent")).status()).isEqualTo(200);

            assertThat(status(id)).isEqualTo(MessageStatus.SENT);
            assertThat(rig.queue().message(id).providerMessageId()).isEqualTo("SM9");
        }

        @Test
        void aTwilioReplyStopOptsTheNumberOutAndIsAnsweredWithEmptyTwiml() {
            long queued = rig.queuedForTomorrow(SHOPPER);
            Map<String, String> params = Map.of("MessageSid", "SM-in", "From", "+5511987654321", "To", "+15005550006",
                    "Body", "stop", "NumMedia", "0");

            WebhookResponse response = twilio.inbound(INBOUND_URL, form(params),
                    TwilioTestSigner.sign(TWILIO_TOKEN, INBOUND_URL, params));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("text/xml");
            assertThat(response.body()).endsWith("<Response/>");
            assertThat(rig.queue().suppressions().isSuppressed(SHOPPER)).isTrue();
            assertThat(status(queued)).isEqualTo(MessageStatus.CANCELLED);
        }

        @Test
        void anUnsignedTwilioReplyOptsNobodyOut() {
            rig.queuedForTomorrow(SHOPPER);
            var before = rig.snapshot();
            Map<String, String> params = Map.of("From", "+5511987654321", "Body", "SAIR");

            assertThat(twilio.inbound(INBOUND_URL, form(params), null).status()).isEqualTo(403);
            assertThat(twilio.inbound(INBOUND_URL, form(params),
                    TwilioTestSigner.sign(TWILIO_TOKEN, INBOUND_URL, Map.of("From", "+5511987654321", "Body", "Oi")))
                    .status()).isEqualTo(403);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        // ------------------------------------------------------------------ logs

        @Test
        void noLogLineOfTheseFlowsHoldsAFullNumberASecretOrASignature() {
            rig.sent(SHOPPER, "zenvia", "zen-1");
            rig.sent(QueueRig.number(3), "twilio", "SM2");
            rig.queuedForTomorrow(SHOPPER);
            Map<String, String> stop = Map.of("From", "+5511987654321", "Body", "Quero parar de receber", "MessageSid", "SM-in");
            String goodSignature = TwilioTestSigner.sign(TWILIO_TOKEN, INBOUND_URL, stop);

            List<String> lines;
            try (var logs = LogCapture.start()) {
                zenvia.handle(secret("a-wrong-secret"), zenviaStatus("evt-1", "zen-1", "DELIVERED", ""));
                zenvia.handle(secret(ZENVIA_SECRET), zenviaStatus("evt-1", "zen-404", "DELIVERED", ""));
                zenvia.handle(secret(ZENVIA_SECRET), zenviaStatus("evt-2", "zen-1", "NOT_DELIVERED", ""));
                zenvia.handle(secret(ZENVIA_SECRET), "not json");
                zenvia.handle(secret(ZENVIA_SECRET), zenviaInbound("5511987654321", "Obrigada pelo aviso", "IN"));
                twilio.inbound(INBOUND_URL, form(stop), "forged-signature=");
                twilio.inbound(INBOUND_URL, form(stop), goodSignature);
                twilioStatus(STATUS_URL, Map.of("MessageSid", "SM2", "MessageStatus", "failed", "ErrorCode", "30007",
                        "To", "+5511900000003"));
                twilio.inbound(INBOUND_URL, form(Map.of("From", "+5511987654321", "Body", "SAIR")),
                        TwilioTestSigner.sign(TWILIO_TOKEN, INBOUND_URL, Map.of("From", "+5511987654321", "Body", "SAIR")));
                zenvia.handle(secret(ZENVIA_SECRET), zenviaInbound("+5511987654321", "PARE", "IN"));
                lines = logs.lines();
            }

            assertThat(lines).as("the flows were logged").hasSizeGreaterThanOrEqualTo(8)
                    .anyMatch(line -> line.contains("+55 11 9****-4321"));
            assertThat(lines).noneMatch(line -> line.contains("987654321") || line.contains("900000003"))
                    .noneMatch(line -> line.contains(ZENVIA_SECRET) || line.contains("a-wrong-secret"))
                    .noneMatch(line -> line.contains(TWILIO_TOKEN) || line.contains(goodSignature)
                            || line.contains("forged-signature"))
                    .noneMatch(line -> line.contains("Obrigada") || line.contains("parar de receber"));
        }
    }

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariadb extends Contract {
        OnMariadb() {
            super(TestDatabase.MARIADB);
        }
    }
}
