package dev.torpedo.sms.impl.gateway.webhook;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.gateway.GatewayFixtures;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.NOON;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.SMS;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.TEXT;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** The signed webhook's contract, as its Javadoc states it, against WireMock. */
class WebhookSmsGatewayTest {

    static final String PATH = "/hooks/sms?key=abc";

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final MutableClock clock = new MutableClock(NOON);
    final ProviderHttp http = new ProviderHttp(GatewayFixtures.FAST);

    @AfterEach
    void close() {
        http.close();
    }

    WebhookSmsGateway gateway() {
        return new WebhookSmsGateway(http, new WebhookSettings(receiver.baseUrl() + PATH, WEBHOOK_SECRET), clock);
    }

    SendResult answering(int status, String body) {
        receiver.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withBody(body)));
        return gateway().send(SMS);
    }

    /** HMAC-SHA256 computed here, independently of the gateway's own code. */
    static String hmacHex(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postsTheMessageSignedWithTheSecretAndKeepsTheReceiversId() throws Exception {
        receiver.stubFor(post(PATH).willReturn(okJson("{\"id\": \"hook-77\"}")));

        SendResult result = gateway().send(SMS);

        assertThat(result).isEqualTo(SendResult.accepted("hook-77"));
        String timestamp = Long.toString(NOON.getEpochSecond());
        receiver.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", containing("application/json"))
                .withHeader("X-Torpedo-Timestamp", equalTo(timestamp))
                .withHeader("X-Torpedo-Signature", matching("[0-9a-f]{64}"))
                .withRequestBody(equalToJson("""
                        {"messageId": "1234", "storeId": "loja-1", "to": "+5511912345678", "text": "%s",
                         "segments": 1, "encoding": "GSM_7"}""".formatted(TEXT))));
        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        String body = request.getBodyAsString();
        assertThat(request.getHeader("X-Torpedo-Signature")).isEqualTo(hmacHex(WEBHOOK_SECRET, timestamp + "." + body));
        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, timestamp, request.getHeader("X-Torpedo-Signature"), body,
                clock, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aReceiverRejectsATamperedBodyAWrongSecretOrAnOldTimestamp() {
        String body = "{\"messageId\":\"1\"}";
        long at = NOON.getEpochSecond();
        String signature = WebhookSignature.sign(WEBHOOK_SECRET, at, body);
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, "" + at, signature, body, clock, tolerance)).isTrue();
        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, "" + at, signature.toUpperCase(), body, clock, tolerance)).isTrue();
        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, "" + at, signature, body + " ", clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify("other", "" + at, signature, body, clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, "" + (at + 1), signature, body, clock, tolerance)).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, "" + at, signature, body, clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(WEBHOOK_SECRET, "yesterday", signature, body, clock, tolerance)).isFalse();
    }

    @Test
    void anyTwoHundredWithAnIdIsAccepted() {
        assertThat(answering(202, "{\"id\": 991}")).isEqualTo(SendResult.accepted("991"));
    }

    @Test
    void aRefusalIsPermanentAndMaySayTheRecipientOptedOut() {
        assertThat(answering(422, "{\"code\": \"invalid-number\", \"message\": \"no such number\"}"))
                .isEqualTo(SendResult.permanent("webhook: HTTP 422 (no such number)", "invalid-number"));
        SendResult optedOut = answering(400, "{\"code\": \"stop\", \"message\": \"unsubscribed\", \"optedOut\": true}");
        assertThat(optedOut).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) optedOut).recipientOptedOut()).isTrue();
        assertThat(answering(400, "")).isEqualTo(SendResult.permanent("webhook: HTTP 400", "400"));
    }

    @Test
    void busyOrFailingReceiversAreRetriedAndATimedOutProxyIsAmbiguous() {
        assertThat(answering(503, "")).isInstanceOf(SendResult.Retryable.class);
        assertThat(answering(429, "")).isInstanceOf(SendResult.Retryable.class);
        assertThat(answering(504, "")).isInstanceOf(SendResult.Ambiguous.class);
        assertThat(answering(200, "{}")).isInstanceOf(SendResult.Ambiguous.class);
    }

    @Test
    void theSettingsNeverPrintTheSecretNorTheUrl() {
        assertThat(new WebhookSettings(receiver.baseUrl() + PATH, WEBHOOK_SECRET).toString())
                .doesNotContain(WEBHOOK_SECRET, "key=abc");
    }
}
