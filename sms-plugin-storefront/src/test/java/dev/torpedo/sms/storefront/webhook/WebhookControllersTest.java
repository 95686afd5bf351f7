package dev.torpedo.sms.storefront.webhook;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.receipt.TwilioWebhooks;
import dev.torpedo.sms.impl.receipt.ZenviaWebhooks;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.LogCapture;
import dev.torpedo.sms.impl.testing.ReceiptRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.testing.TextGen;
import dev.torpedo.sms.impl.testing.TwilioTestSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The three endpoints over HTTP (MockMvc, standalone), on an H2 database: status codes, and nothing changed on refusal. */
class WebhookControllersTest extends DatabaseContract {

    static final String SECRET = "zen-secret-7f3a9c";
    static final String TOKEN = "twilio-token-5d21e8";
    static final String PUBLIC_BASE = "https://loja.example.com";
    static final String STATUS_URL = PUBLIC_BASE + TwilioWebhookController.STATUS_PATH;
    static final String INBOUND_URL = PUBLIC_BASE + TwilioWebhookController.INBOUND_PATH;
    static final MobileNumber SHOPPER = MobileNumber.of("+5511987654321");

    ReceiptRig rig;
    MockMvc mvc;

    WebhookControllersTest() {
        super(TestDatabase.H2);
    }

    @BeforeEach
    void wire() {
        rig = new ReceiptRig(db);
        mvc = mvc(PUBLIC_BASE);
    }

    MockMvc mvc(String publicBaseUrl) {
        return MockMvcBuilders.standaloneSetup(
                new ZenviaWebhookController(new ZenviaWebhooks(SECRET, rig.receipts(), rig.optOut())),
                new TwilioWebhookController(new TwilioWebhooks(TOKEN, rig.receipts(), rig.optOut()), publicBaseUrl))
                .build();
    }

    @AfterEach
    void unwire() {
        rig.close();
    }

    static String zenviaStatus(String messageId, String code) {
        return """
                {"id": "evt-1", "timestamp": "2026-03-10T12:00:05-03:00", "type": "MESSAGE_STATUS", "subscriptionId": "s",
                 "channel": "sms", "messageId": "%s",
                 "messageStatus": {"timestamp": "2026-03-10T12:00:04-03:00", "code": "%s"}}
                """.formatted(messageId, code);
    }

    static String zenviaReply(String text) {
        return """
                {"id": "evt-2", "type": "MESSAGE", "channel": "sms", "direction": "IN",
                 "message": {"id": "m-1", "from": "5511987654321", "to": "loja", "direction": "IN",
                             "contents": [{"type": "text", "text": "%s"}]}}
                """.formatted(text);
    }

    static MockHttpServletRequestBuilder zenvia(String body, String secret) {
        MockHttpServletRequestBuilder request = post(ZenviaWebhookController.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body.getBytes(StandardCharsets.UTF_8));
        return secret == null ? request : request.header(ZenviaWebhooks.SECRET_HEADER, secret);
    }

    /** A Twilio form post to {@code pathAndQuery}, signed for {@code signedUrl} with {@code token}. */
    static MockHttpServletRequestBuilder twilio(String pathAndQuery, Map<String, String> form, String signedUrl,
                                                String token) {
        return post(pathAndQuery)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(encode(form))
                .header(TwilioWebhooks.SIGNATURE_HEADER, TwilioTestSigner.sign(token, signedUrl, form));
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> form(String... nameValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            form.put(nameValues[i], nameValues[i + 1]);
        }
        return form;
    }

    MessageStatus statusOf(long id) {
        return rig.queue().message(id).status();
    }

    // ---------------------------------------------------------------------- Zenvia

    @Test
    void aZenviaReceiptWithTheSecretIsAnswered200AndApplied() throws Exception {
        long id = rig.sent(SHOPPER, "zenvia", "zen-1");

        var response = mvc.perform(zenvia(zenviaStatus("zen-1", "DELIVERED"), SECRET))
                .andExpect(status().isOk())
                .andReturn().getResponse();

        assertThat(response.getContentAsString()).isEqualTo("ok");
        assertThat(statusOf(id)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void aZenviaRequestWithoutOrWithAWrongSecretIsRefused401AndChangesNothing() throws Exception {
        rig.sent(SHOPPER, "zenvia", "zen-1");
        rig.queuedForTomorrow(SHOPPER);
        var before = rig.snapshot();

        mvc.perform(zenvia(zenviaStatus("zen-1", "DELIVERED"), null)).andExpect(status().isUnauthorized());
        mvc.perform(zenvia(zenviaStatus("zen-1", "DELIVERED"), "guess")).andExpect(status().isUnauthorized());
        mvc.perform(zenvia(zenviaReply("SAIR"), "guess")).andExpect(status().isUnauthorized());

        assertThat(rig.snapshot()).isEqualTo(before);
    }

    @Test
    void aOneMegabyteBodyIsRefused413WithoutBeingTakenForAnEventAndChangesNothing() throws Exception {
        rig.sent(SHOPPER, "zenvia", "zen-1");
        var before = rig.snapshot();
        // A real event padded to 1 MB: valid JSON, with the secret, and still refused for its size.
        String huge = zenviaStatus("zen-1", "DELIVERED").replace("\"evt-1\"", "\"" + "x".repeat(1 << 20) + "\"");

        mvc.perform(zenvia(huge, SECRET)).andExpect(status().isContentTooLarge());
        mvc.perform(post(TwilioWebhookController.STATUS_PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("MessageSid=SM1&MessageStatus=delivered&Body=" + "x".repeat(1 << 20)))
                .andExpect(status().isContentTooLarge());
        mvc.perform(post(TwilioWebhookController.INBOUND_PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("From=%2B5511987654321&Body=" + "SAIR".repeat(1 << 18)))
                .andExpect(status().isContentTooLarge());

        assertThat(rig.snapshot()).isEqualTo(before);
        // Just under the limit is read and answered as usual.
        String padded = zenviaStatus("zen-1", "DELIVERED").replace("\"evt-1\"", "\"" + "x".repeat(60_000) + "\"");
        mvc.perform(zenvia(padded, SECRET)).andExpect(status().isOk());
    }

    @Test
    void theSecretHeadersNameIsCaseInsensitiveLikeEveryHttpHeader() throws Exception {
        long id = rig.sent(SHOPPER, "zenvia", "zen-1");

        mvc.perform(post(ZenviaWebhookController.PATH).contentType(MediaType.APPLICATION_JSON)
                        .content(zenviaStatus("zen-1", "DELIVERED")).header("x-torpedo-webhook-secret", SECRET))
                .andExpect(status().isOk());

        assertThat(statusOf(id)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void aMalformedZenviaBodyIs400AndChangesNothing() throws Exception {
        rig.sent(SHOPPER, "zenvia", "zen-1");
        var before = rig.snapshot();

        mvc.perform(zenvia("{not json", SECRET)).andExpect(status().isBadRequest());
        mvc.perform(post(ZenviaWebhookController.PATH).header(ZenviaWebhooks.SECRET_HEADER, SECRET))
                .andExpect(status().isBadRequest());

        assertThat(rig.snapshot()).isEqualTo(before);
    }

    @Test
    void aZenviaReplyWithAnAccentReadsAsUtf8AndOptsOut() throws Exception {
        long queued = rig.queuedForTomorrow(SHOPPER);

        // JSON as bytes, with no charset in the content type: it is UTF-8 all the same.
        mvc.perform(post(ZenviaWebhookController.PATH).contentType("application/json")
                        .content(zenviaReply("CANCELÁR").getBytes(StandardCharsets.UTF_8))
                        .header(ZenviaWebhooks.SECRET_HEADER, SECRET))
                .andExpect(status().isOk());

        assertThat(rig.queue().suppressions().isSuppressed(SHOPPER)).isTrue();
        assertThat(db.jdbc().queryForObject("SELECT reason FROM sms_suppression", String.class)).isEqualTo("reply:CANCELAR");
        assertThat(statusOf(queued)).isEqualTo(MessageStatus.CANCELLED);
    }

    // ---------------------------------------------------------------------- Twilio

    @Test
    void aTwilioStatusCallbackSignedForThePublicUrlIsAnswered200AndApplied() throws Exception {
        long id = rig.sent(SHOPPER, "twilio", "SM1");

        mvc.perform(twilio(TwilioWebhookController.STATUS_PATH, form("MessageSid", "SM1", "MessageStatus", "delivered",
                        "To", "+5511987654321", "From", "+15005550006", "AccountSid", "AC1"), STATUS_URL, TOKEN))
                .andExpect(status().isOk());

        assertThat(statusOf(id)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void aWrongTwilioSignatureIsRefused403AndChangesNothing() throws Exception {
        rig.sent(SHOPPER, "twilio", "SM1");
        rig.queuedForTomorrow(SHOPPER);
        var before = rig.snapshot();
        Map<String, String> delivered = form("MessageSid", "SM1", "MessageStatus", "delivered");

        mvc.perform(twilio(TwilioWebhookController.STATUS_PATH, delivered, STATUS_URL, "not-the-token"))
                .andExpect(status().isForbidden());
        // Signed for the request's own URL, not the public one Twilio calls: refused too.
        mvc.perform(twilio(TwilioWebhookController.STATUS_PATH, delivered,
                "http://localhost" + TwilioWebhookController.STATUS_PATH, TOKEN)).andExpect(status().isForbidden());
        mvc.perform(post(TwilioWebhookController.STATUS_PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(encode(delivered))).andExpect(status().isForbidden());
        mvc.perform(twilio(TwilioWebhookController.INBOUND_PATH, form("From", "+5511987654321", "Body", "SAIR"),
                STATUS_URL, TOKEN)).andExpect(status().isForbidden());

        assertThat(rig.snapshot()).isEqualTo(before);
    }

    @Test
    void withoutAPublicBaseUrlTheRequestsOwnUrlIsTheOneChecked() throws Exception {
        long id = rig.sent(SHOPPER, "twilio", "SM1");

        mvc(null).perform(twilio(TwilioWebhookController.STATUS_PATH, form("MessageSid", "SM1", "MessageStatus", "sent"),
                "http://localhost" + TwilioWebhookController.STATUS_PATH, TOKEN)).andExpect(status().isOk());
        mvc(PUBLIC_BASE + "/").perform(twilio(TwilioWebhookController.STATUS_PATH,
                form("MessageSid", "SM1", "MessageStatus", "delivered"), STATUS_URL, TOKEN)).andExpect(status().isOk());

        assertThat(statusOf(id)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void theQueryStringIsSignedWithTheUrlAndNotCountedAsAPostParameter() throws Exception {
        long id = rig.uncertain(SHOPPER, "twilio");
        String query = "?" + TwilioWebhooks.MESSAGE_ID_PARAMETER + "=" + id;

        mvc.perform(twilio(TwilioWebhookController.STATUS_PATH + query, form("MessageSid", "SM9", "MessageStatus",
                "delivered"), STATUS_URL + query, TOKEN)).andExpect(status().isOk());

        assertThat(statusOf(id)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(rig.queue().message(id).providerMessageId()).isEqualTo("SM9");
    }

    @Test
    void aSignedTwilioCallbackWithoutItsFieldsIs400() throws Exception {
        mvc.perform(twilio(TwilioWebhookController.STATUS_PATH, form("MessageSid", "SM1"), STATUS_URL, TOKEN))
                .andExpect(status().isBadRequest());
        mvc.perform(twilio(TwilioWebhookController.INBOUND_PATH, form("Body", "SAIR"), INBOUND_URL, TOKEN))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aTwilioReplyPareOptsOutAndIsAnsweredWithEmptyTwiml() throws Exception {
        long queued = rig.queuedForTomorrow(SHOPPER);
        long tenis = rig.subscriptions().subscribe(ReceiptRig.STORE, "tenis-42", null, SHOPPER, "avise-me-v1",
                rig.clock().instant());

        var response = mvc.perform(twilio(TwilioWebhookController.INBOUND_PATH, form("MessageSid", "SM-in",
                        "From", "+5511987654321", "To", "+15005550006", "Body", "Páre!"), INBOUND_URL, TOKEN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML))
                .andReturn().getResponse();

        assertThat(response.getContentAsString()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(rig.queue().suppressions().isSuppressed(SHOPPER)).isTrue();
        assertThat(statusOf(queued)).isEqualTo(MessageStatus.CANCELLED);
        assertThat(rig.subscriptions().find(tenis).orElseThrow().status().name()).isEqualTo("CANCELLED");
    }

    @Test
    void anOrdinaryTwilioReplyChangesNothing() throws Exception {
        rig.queuedForTomorrow(SHOPPER);
        var before = rig.snapshot();

        mvc.perform(twilio(TwilioWebhookController.INBOUND_PATH, form("From", "+5511987654321", "Body",
                "Quando chega meu pedido?"), INBOUND_URL, TOKEN)).andExpect(status().isOk());

        assertThat(rig.snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------------- logs

    @Test
    void noLogLineOfTheseRequestsHoldsAFullNumberASecretOrASignature() throws Exception {
        rig.sent(SHOPPER, "twilio", "SM1");
        rig.sent(SHOPPER, "zenvia", "zen-1");
        Map<String, String> reply = form("From", "+5511987654321", "Body", "Obrigada, chegou tudo certo");
        String signature = TwilioTestSigner.sign(TOKEN, INBOUND_URL, reply);

        List<String> lines;
        try (var logs = LogCapture.start()) {
            mvc.perform(zenvia(zenviaStatus("zen-1", "NOT_DELIVERED"), SECRET));
            mvc.perform(zenvia(zenviaStatus("zen-1", "DELIVERED"), "a-guessed-secret"));
            mvc.perform(zenvia(zenviaReply("Obrigada, chegou tudo certo"), SECRET));
            mvc.perform(twilio(TwilioWebhookController.INBOUND_PATH, reply, INBOUND_URL, TOKEN));
            mvc.perform(twilio(TwilioWebhookController.INBOUND_PATH, reply, INBOUND_URL, "wrong-token"));
            mvc.perform(twilio(TwilioWebhookController.STATUS_PATH, form("MessageSid", "SM1", "MessageStatus",
                    "undelivered", "ErrorCode", "30003", "To", "+5511987654321"), STATUS_URL, TOKEN));
            mvc.perform(twilio(TwilioWebhookController.INBOUND_PATH, form("From", "+5511987654321", "Body", "SAIR"),
                    INBOUND_URL, TOKEN));
            lines = logs.lines();
        }

        assertThat(lines).hasSizeGreaterThanOrEqualTo(6).anyMatch(line -> line.contains("+55 11 9****-4321"));
        assertThat(lines).noneMatch(line -> line.contains("987654321"))
                .noneMatch(line -> line.contains(SECRET) || line.contains("a-guessed-secret"))
                .noneMatch(line -> line.contains(TOKEN) || line.contains(signature) || line.contains("wrong-token"))
                .noneMatch(line -> line.contains("chegou"));
    }

    // ---------------------------------------------------------------------- hostile input (QuickTheories)

    private MockHttpServletResponse answer(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        // A provider retries a 500 for hours, and an attacker learns from one.
        assertThat(response.getStatus()).isIn(200, 400, 401, 403);
        assertThat(response.getContentAsString()).doesNotContain("Exception", "\tat ");
        return response;
    }

    @Test
    void anyZenviaBodyWithTheSecretOrWithoutIsAnsweredNeverWithA500() {
        qt().withExamples(300).forAll(TextGen.hostile(8), TextGen.hostile(4)).checkAssert((text, id) -> {
            try {
                answer(zenvia(text, SECRET));
                answer(zenvia(zenviaStatus(id.replace("\"", ""), text.replace("\"", "")), SECRET));
                answer(zenvia(zenviaReply(text.replace("\"", "").replace("\\", "")), SECRET));
                answer(zenvia(text, null));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void anySignedTwilioFormIsAnsweredNeverWithA500() {
        qt().withExamples(300).forAll(TextGen.hostile(6), TextGen.hostile(6)).checkAssert((sid, body) -> {
            try {
                answer(twilio(TwilioWebhookController.STATUS_PATH, form("MessageSid", sid, "MessageStatus", body),
                        STATUS_URL, TOKEN));
                answer(twilio(TwilioWebhookController.INBOUND_PATH, form("From", sid, "Body", body), INBOUND_URL,
                        TOKEN));
                answer(twilio(TwilioWebhookController.INBOUND_PATH, form("From", sid, "Body", body), INBOUND_URL,
                        "not-the-token"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
