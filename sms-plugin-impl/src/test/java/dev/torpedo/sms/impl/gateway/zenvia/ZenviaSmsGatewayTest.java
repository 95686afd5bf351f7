package dev.torpedo.sms.impl.gateway.zenvia;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.encoding.EncodedText;
import dev.torpedo.sms.impl.encoding.SegmentCounter;
import dev.torpedo.sms.impl.gateway.GatewayFixtures;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.NOON;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.SMS;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.TEXT;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.ZENVIA_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Zenvia API v2, as its reference documents the send and its errors, against WireMock. */
class ZenviaSmsGatewayTest {

    static final String PATH = "/v2/channels/sms/messages";

    @RegisterExtension
    static WireMockExtension zenvia = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final MutableClock clock = new MutableClock(NOON);
    final ProviderHttp http = new ProviderHttp(GatewayFixtures.FAST);

    @AfterEach
    void close() {
        http.close();
    }

    ZenviaSmsGateway gateway() {
        return new ZenviaSmsGateway(http, new ZenviaSettings(zenvia.baseUrl(), ZENVIA_TOKEN, "loja-exemplo"), clock);
    }

    SendResult answering(int status, String body) {
        zenvia.stubFor(post(PATH).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
        return gateway().send(SMS);
    }

    @Test
    void sendsTheDocumentedRequestAndKeepsZenviasMessageId() {
        zenvia.stubFor(post(PATH).willReturn(okJson("""
                {"id": "5f9a3c1e-7b2d-4e8a-9c6f-1d2e3f4a5b6c", "from": "loja-exemplo", "to": "5511912345678",
                 "direction": "OUT", "channel": "sms",
                 "contents": [{"type": "text", "text": "Loja Exemplo: recebemos seu pedido 1234."}]}""")));

        SendResult result = gateway().send(SMS);

        assertThat(result).isEqualTo(SendResult.accepted("5f9a3c1e-7b2d-4e8a-9c6f-1d2e3f4a5b6c"));
        zenvia.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("X-API-TOKEN", equalTo(ZENVIA_TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"from": "loja-exemplo", "to": "5511912345678", "externalId": "1234",
                         "contents": [{"type": "text", "text": "%s", "encodingStrategy": "MORE_CHARACTERS_PER_MESSAGE"}]}\
                        """.formatted(TEXT))));
    }

    @Test
    void theEncodingIsStatedAsCountedSoThatZenviaSendsWhatWasCharged() {
        zenvia.stubFor(post(PATH).willReturn(okJson("{\"id\": \"z-2\"}")));
        String text = "Loja Exemplo: Ola José, recebemos seu pedido 1234.";
        EncodedText counted = SegmentCounter.encode(text, ZenviaSmsGateway.PROFILE);

        gateway().send(new OutboundSms("1235", StoreId.of("loja-1"), SMS.to(), counted.text(), counted.encoding(),
                counted.segments()));

        assertThat(counted.encoding()).isEqualTo(MessageEncoding.UCS_2);
        zenvia.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"from": "loja-exemplo", "to": "5511912345678", "externalId": "1235",
                 "contents": [{"type": "text", "text": "%s", "encodingStrategy": "MORE_CHARACTER_SUPPORT"}]}\
                """.formatted(text))));
        assertThat(gateway().profile()).isSameAs(ZenviaSmsGateway.PROFILE);
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() {
        zenvia.stubFor(post("/proxy/zenvia" + PATH).willReturn(okJson("{\"id\": \"z-1\"}")));
        ZenviaSmsGateway behindProxy = new ZenviaSmsGateway(http,
                new ZenviaSettings(zenvia.baseUrl() + "/proxy/zenvia/", ZENVIA_TOKEN, "loja-exemplo"), clock);

        assertThat(behindProxy.send(SMS)).isEqualTo(SendResult.accepted("z-1"));
    }

    @Test
    void aValidationErrorIsPermanentWithZenviasCodeAndNoPhoneNumberInTheReason() {
        SendResult result = answering(400, """
                {"code": "VALIDATION_ERROR", "message": "Validation error",
                 "details": [{"code": "INVALID_FORMAT", "path": "to",
                              "message": "Recipient 5511912345678 is not a valid phone number"}]}""");

        assertThat(result).isInstanceOf(SendResult.Permanent.class);
        SendResult.Permanent permanent = (SendResult.Permanent) result;
        assertThat(permanent.providerCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(permanent.recipientOptedOut()).isFalse();
        assertThat(permanent.reason()).contains("zenvia: HTTP 400", "Validation error", "[number]")
                .doesNotContain("5511912345678", "11912345678");
    }

    @Test
    void aDuplicateIsPermanentToo() {
        assertThat(answering(409, "{\"code\": \"DUPLICATED\", \"message\": \"Entity already exists\"}"))
                .isEqualTo(SendResult.permanent("zenvia: HTTP 409 (Entity already exists)", "DUPLICATED"));
    }

    @Test
    void aRejectedTokenIsRetryableSoThatTheBreakerPausesInsteadOfFailingEveryMessage() {
        SendResult result = answering(401, "{\"code\": \"AUTHENTICATION_ERROR\", \"message\": \"No authorization token was found\"}");

        assertThat(result).isInstanceOf(SendResult.Retryable.class);
        assertThat(((SendResult.Retryable) result).reason()).contains("AUTHENTICATION_ERROR", "credentials");
    }

    @Test
    void anInternalErrorIsRetryableAsZenviaDocumentsIt() {
        assertThat(answering(500, "{\"code\": \"INTERNAL_ERROR\", \"message\": \"Internal error\"}"))
                .isInstanceOf(SendResult.Retryable.class);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        zenvia.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        SendResult result = gateway().send(SMS);

        assertThat(result).isInstanceOf(SendResult.Retryable.class);
        assertThat(((SendResult.Retryable) result).retryAfterHint()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aSuccessWithoutAnIdIsAmbiguous() {
        assertThat(answering(200, "")).isInstanceOf(SendResult.Ambiguous.class);
        assertThat(answering(200, "<html>ok</html>")).isInstanceOf(SendResult.Ambiguous.class);
        assertThat(answering(200, "{\"direction\": \"OUT\"}")).isInstanceOf(SendResult.Ambiguous.class);
    }

    @Test
    void aGatewayTimeoutIsAmbiguous() {
        assertThat(answering(504, "")).isInstanceOf(SendResult.Ambiguous.class);
    }

    @Test
    void incompleteSettingsAreRefusedNamingWhatIsMissingButNotTheToken() {
        assertThatThrownBy(() -> new ZenviaSmsGateway(http, new ZenviaSettings("https://api.zenvia.com", null, " "), clock))
                .hasMessage("Zenvia needs token, from");
        assertThat(new ZenviaSettings("https://api.zenvia.com", ZENVIA_TOKEN, "loja").toString())
                .doesNotContain(ZENVIA_TOKEN).contains("****");
    }
}
