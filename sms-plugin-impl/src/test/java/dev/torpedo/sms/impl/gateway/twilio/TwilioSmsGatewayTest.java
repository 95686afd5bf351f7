package dev.torpedo.sms.impl.gateway.twilio;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.gateway.GatewayFixtures;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.NOON;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.SMS;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.TEXT;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.TWILIO_SID;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.TWILIO_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Twilio's Messages API, as its reference documents the create call and its errors, against WireMock. */
class TwilioSmsGatewayTest {

    static final String PATH = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";
    static final String FROM = "+5511999990000";
    static final String CALLBACK = "https://loja.example.com/torpedo/twilio/status";

    /** Twilio's 201 answer to a create, as documented (trimmed of the fields nobody reads). */
    static final String CREATED = """
            {"account_sid": "%s", "api_version": "2010-04-01", "body": "Loja Exemplo: recebemos seu pedido 1234.",
             "date_created": "Tue, 10 Mar 2026 15:00:00 +0000", "direction": "outbound-api", "error_code": null,
             "error_message": null, "from": "+5511999990000", "messaging_service_sid": null, "num_media": "0",
             "num_segments": "1", "price": null, "price_unit": "USD", "sid": "SM1f0e2d3c4b5a69788796a5b4c3d2e1f0",
             "status": "queued", "to": "+5511912345678",
             "uri": "/2010-04-01/Accounts/%s/Messages/SM1f0e2d3c4b5a69788796a5b4c3d2e1f0.json"}
            """.formatted(TWILIO_SID, TWILIO_SID);

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final MutableClock clock = new MutableClock(NOON);
    final ProviderHttp http = new ProviderHttp(GatewayFixtures.FAST);

    @AfterEach
    void close() {
        http.close();
    }

    TwilioSmsGateway gateway(String messagingService, String callback) {
        return new TwilioSmsGateway(http,
                new TwilioSettings(twilio.baseUrl(), TWILIO_SID, TWILIO_TOKEN, FROM, messagingService, callback), clock);
    }

    SendResult answeringError(int status, int code, String message) {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                        """.formatted(code, message, code, status))));
        return gateway(null, null).send(SMS);
    }

    @Test
    void sendsTheDocumentedFormWithBasicAuthAndKeepsTheSid() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));

        SendResult result = gateway(null, CALLBACK).send(SMS);

        assertThat(result).isEqualTo(SendResult.accepted("SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"));
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withBasicAuth(new BasicCredentials(TWILIO_SID, TWILIO_TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo("+5511912345678"))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("Body", equalTo(TEXT))
                .withFormParam("StatusCallback", equalTo(CALLBACK + "?torpedoMessageId=" + SMS.messageId()))
                .withFormParam("MessagingServiceSid", absent()));
    }

    @Test
    void aMessagingServiceIsSentInsteadOfFrom() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody(CREATED)));

        gateway("MG0123456789abcdef0123456789abcdef", null).send(SMS);

        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withFormParam("MessagingServiceSid", equalTo("MG0123456789abcdef0123456789abcdef"))
                .withFormParam("From", absent())
                .withFormParam("StatusCallback", absent()));
    }

    @Test
    void anInvalidNumberIsPermanentAndItsEchoedNumberStaysOutOfTheReason() {
        SendResult result = answeringError(400, 21211, "The 'To' number +5511912345678 is not a valid phone number.");

        assertThat(result).isEqualTo(SendResult.permanent("twilio: HTTP 400 (invalid 'To' number)", "21211"));
    }

    @Test
    void aLandlineIsPermanent() {
        SendResult result = answeringError(400, 21614, "'To' number is not a valid mobile number");

        assertThat(result).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) result).providerCode()).isEqualTo("21614");
        assertThat(((SendResult.Permanent) result).recipientOptedOut()).isFalse();
    }

    @Test
    void anUnsubscribedRecipientIsPermanentAndOptedOut() {
        SendResult result = answeringError(400, 21610, "Attempt to send to unsubscribed recipient");

        assertThat(result).isEqualTo(SendResult.optedOut(
                "twilio: the recipient unsubscribed (replied STOP)", "21610"));
    }

    @Test
    void aRegionNotEnabledIsTheAccountsFaultSoItWaits() {
        SendResult result = answeringError(400, 21408, "Permission to send an SMS has not been enabled for the region");

        assertThat(result).isInstanceOf(SendResult.Retryable.class);
        assertThat(((SendResult.Retryable) result).reason()).contains("21408", "configuration");
    }

    @Test
    void badCredentialsWait() {
        assertThat(answeringError(401, 20003, "Authenticate")).isInstanceOf(SendResult.Retryable.class);
    }

    @Test
    void tooManyRequestsWereNeverProcessedAndWaitForRetryAfter() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}")));

        SendResult result = gateway(null, null).send(SMS);

        assertThat(result).isInstanceOf(SendResult.Retryable.class);
        assertThat(((SendResult.Retryable) result).retryAfterHint()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Tue, 10 Mar 2026 15:02:00 GMT")));

        SendResult result = gateway(null, null).send(SMS);

        assertThat(((SendResult.Retryable) result).retryAfterHint()).contains(Duration.ofMinutes(2));
    }

    @Test
    void serverErrorsThatTookNothingAreRetryable() {
        assertThat(answeringError(500, 20500, "Internal Server Error")).isInstanceOf(SendResult.Retryable.class);
        assertThat(answeringError(503, 20503, "Service Unavailable")).isInstanceOf(SendResult.Retryable.class);
    }

    @Test
    void aCreatedAnswerWithoutASidIsAmbiguous() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"status\": \"queued\"}")));

        assertThat(gateway(null, null).send(SMS)).isInstanceOf(SendResult.Ambiguous.class);
    }

    @Test
    void incompleteSettingsAreRefusedAndTheTokenIsNeverPrinted() {
        assertThatThrownBy(() -> new TwilioSmsGateway(http,
                new TwilioSettings(TwilioSettings.DEFAULT_BASE_URL, TWILIO_SID, null, null, null, null), clock))
                .hasMessage("Twilio needs auth-token, from (or messaging-service-sid)");
        assertThat(new TwilioSettings(TwilioSettings.DEFAULT_BASE_URL, TWILIO_SID, TWILIO_TOKEN, FROM, null, null))
                .asString().doesNotContain(TWILIO_TOKEN);
    }
}
