package dev.torpedo.sms.impl.queue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.gateway.GatewayFixtures;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSettings;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSmsGateway;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * UNCERTAIN messages settled by asking Twilio (WireMock, as its Messages API answers a list): the one it holds
 * becomes SENT with its SID, the one it never got is sent once more without a second charge, and one it cannot
 * tell about stays UNCERTAIN.
 */
class UncertainReconcilerTest {

    static final String PATH = "/2010-04-01/Accounts/" + GatewayFixtures.TWILIO_SID + "/Messages.json";
    static final Instant NOON = QueueRig.TUESDAY_NOON_SAO_PAULO;

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    abstract static class Contract extends DatabaseContract {

        final StoreId store = StoreId.of("loja-1");
        QueueRig rig;
        ProviderHttp http;
        TwilioSmsGateway gateway;
        UncertainReconciler reconciler;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new QueueRig(db, NOON);
            rig.give(store, 10);
            http = new ProviderHttp(GatewayFixtures.FAST);
            gateway = new TwilioSmsGateway(http, new TwilioSettings(twilio.baseUrl(), GatewayFixtures.TWILIO_SID,
                    GatewayFixtures.TWILIO_TOKEN, "+15005550006", null, null), rig.clock());
            reconciler = new UncertainReconciler(rig.messages(), gateway, "twilio", rig.clock());
        }

        @AfterEach
        void unwire() {
            rig.close();
            http.close();
        }

        /** A message whose send was charged and never answered: UNCERTAIN since {@code minutesAgo}. */
        long uncertain(int n, int minutesAgo) {
            long id = rig.insertDue(store, QueueRig.number(n), "Loja: seu pedido " + n + " chegou", NOON);
            db.jdbc().update("UPDATE sms_message SET status = 'UNCERTAIN', reason = 'lease-expired', attempts = 1,"
                    + " credits_debited = 1, updated_at = ? WHERE id = ?",
                    DbTime.toDb(rig.clock().instant().minus(Duration.ofMinutes(minutesAgo))), id);
            db.tx().executeWithoutResult(s -> rig.ledger().debit(store, java.util.List.of(
                    new dev.torpedo.sms.impl.credit.CreditLedger.Debit(id, 1))));
            return id;
        }

        static String listing(String to, String body, Instant created, String sid) {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(ZoneOffset.UTC));
            return """
                    {"messages": [{"sid": "%s", "to": "%s", "body": "%s", "status": "delivered",
                                   "date_created": "%s"}], "page_size": 50}""".formatted(sid, to, body, date);
        }

        @Test
        void whatTwilioHoldsBecomesSentWhatItNeverGotGoesOutOnceMoreAndTheRestWaits() {
            rig.clock().advance(Duration.ofMinutes(30));
            long held = uncertain(1, 20);
            long neverArrived = uncertain(2, 20);
            long tooFresh = uncertain(3, 1);
            long failing = uncertain(4, 20);
            String heldTo = QueueRig.number(1).e164();
            twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(heldTo))
                    .willReturn(okJson(listing(heldTo, "Loja: seu pedido 1 chegou", NOON.plusSeconds(3), "SM-held"))));
            twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(QueueRig.number(2).e164()))
                    .willReturn(okJson(listing(QueueRig.number(2).e164(), "another text", NOON.plusSeconds(3), "SM-x"))));
            twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(QueueRig.number(4).e164()))
                    .willReturn(aResponse().withStatus(500)));
            int balance = rig.ledger().balance(store);

            UncertainReconciler.Settled settled = reconciler.run();

            assertThat(settled).isEqualTo(new UncertainReconciler.Settled(1, 1, 1));
            assertThat(rig.message(held)).extracting(QueuedMessage::status, QueuedMessage::providerMessageId,
                    QueuedMessage::reason).containsExactly(MessageStatus.SENT, "SM-held", "reconciled-sent");
            assertThat(rig.message(neverArrived).status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(rig.message(tooFresh).status()).isEqualTo(MessageStatus.UNCERTAIN);
            assertThat(rig.message(failing).status()).isEqualTo(MessageStatus.UNCERTAIN);
            twilio.verify(0, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("To",
                    equalTo(QueueRig.number(3).e164())));

            // The one that never arrived goes out once, and is not charged again.
            twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM-again\"}")));
            rig.dispatcher(DispatcherOptions.defaults("node-1"), QueueRig.NO_JITTER, gateway).drain();
            assertThat(rig.message(neverArrived)).extracting(QueuedMessage::status, QueuedMessage::providerMessageId)
                    .containsExactly(MessageStatus.SENT, "SM-again");
            twilio.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
            assertThat(rig.ledger().balance(store)).isEqualTo(balance);
            assertThat(rig.ledgerSum(store)).isEqualTo(balance);
            assertThat(reconciler.run()).as("nothing left to ask about but what Twilio cannot tell")
                    .isEqualTo(new UncertainReconciler.Settled(0, 0, 1));
        }

        @Test
        void aFullPageThatDoesNotReachBackToTheSendProvesNothing() {
            rig.clock().advance(Duration.ofMinutes(30));
            long id = uncertain(5, 20);
            String to = QueueRig.number(5).e164();
            StringBuilder messages = new StringBuilder();
            for (int i = 0; i < TwilioSmsGateway.LOOKUP_PAGE; i++) {
                messages.append(i == 0 ? "" : ",").append("""
                        {"sid": "SM%d", "to": "%s", "body": "other %d", "date_created": "%s"}""".formatted(i, to, i,
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOON.plusSeconds(60 + i).atOffset(ZoneOffset.UTC))));
            }
            twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(to))
                    .willReturn(okJson("{\"messages\": [" + messages + "]}")));

            assertThat(reconciler.run()).isEqualTo(new UncertainReconciler.Settled(0, 0, 1));
            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.UNCERTAIN);
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
