package dev.torpedo.sms.impl.restock;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.extension.ExtensionResultStatus;
import dev.torpedo.sms.api.extension.MessageDraft;
import dev.torpedo.sms.api.extension.SmsExtensionHandler;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueuedMessage;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RestockFanOutTest {

    abstract static class Contract extends RestockContract {

        Contract(TestDatabase database) {
            super(database);
        }

        @Test
        void tenThousandShoppersAreToldOnceEachInSignupOrderOverSeveralWaves() {
            List<Long> subscriptionIds = subscribeMany(0, 10_000, null);
            // 1,000 units, 3 shoppers each, at most 3,000 a wave: waves of 3,000, 3,000, 3,000 and 1,000.
            RestockFanOut fanOut = fanOut(new RestockOptions(3, 100, 3_000, Duration.ofMinutes(15), 500));

            db.tx().executeWithoutResult(hostTransaction -> {
                events.record(restock(null, 1_000));
                assertThat(db.count("sms_restock_event", "")).isEqualTo(1);
                assertThat(db.count("sms_message", "")).isZero();
            });
            long event = onlyEventId();

            List<Integer> waves = new ArrayList<>();
            for (int wave = 0; wave < 10 && eventStatus(event).equals("PENDING"); wave++) {
                waves.add(fanOut.drainDue());
                assertThat(fanOut.drainDue()).as("the next wave waits for its time").isZero();
                clock.advance(Duration.ofMinutes(15));
            }

            assertThat(waves).containsExactly(3_000, 3_000, 3_000, 1_000);
            assertThat(eventStatus(event)).isEqualTo("DONE");
            assertThat(db.count("sms_message", "status = 'QUEUED' AND kind = 'BACK_IN_STOCK'")).isEqualTo(10_000);
            assertThat(db.jdbc().queryForObject("SELECT COUNT(DISTINCT recipient) FROM sms_message", Long.class))
                    .isEqualTo(10_000);
            List<Long> toldInOrder = db.jdbc().query("SELECT idempotency_key FROM sms_message ORDER BY id",
                    (rs, n) -> Long.parseLong(rs.getString(1).substring(rs.getString(1).lastIndexOf(':') + 1)));
            assertThat(toldInOrder).isEqualTo(subscriptionIds);
            assertThat(db.count("sms_subscription", "status = 'NOTIFIED'")).isEqualTo(10_000);
            assertThat(db.jdbc().queryForObject("SELECT waves FROM sms_restock_event", Integer.class)).isEqualTo(4);
        }

        @Test
        void aQueuedAlertCarriesTheApprovedTextAndWaitsForTheShoppersWindow() {
            clock.set(Instant.parse("2026-03-11T02:00:00Z"));   // 23:00 in São Paulo
            long id = subscribe(mobile(1), null);
            events.record(restock(null, 5));

            assertThat(fanOut(RestockOptions.defaults()).runOnce()).isEqualTo(1);

            QueuedMessage message = messages.find(STORE, RestockFanOut.idempotencyKey(onlyEventId(), id)).orElseThrow();
            assertThat(message.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(message.body()).isEqualTo("Loja da Ana: Caneca Azul voltou ao estoque! Compre: "
                    + "https://loja.example/caneca Contato: 1133334444");
            assertThat(message.notBefore()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
            assertThat(message.recipientMasked()).isEqualTo(mobile(1).masked());
            assertThat(subscriptions.find(id).orElseThrow().status()).isEqualTo(SubscriptionStatus.NOTIFIED);
            assertThat(subscriptions.find(id).orElseThrow().notifiedAt()).isEqualTo(now());
        }

        @Test
        void aRestockTheHostRolledBackTellsNobody() {
            subscribe(mobile(1), null);

            db.tx().executeWithoutResult(hostTransaction -> {
                events.record(restock(null, 10));
                hostTransaction.setRollbackOnly();
            });

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isZero();
            assertThat(db.count("sms_restock_event", "")).isZero();
            assertThat(subscriptions.countActive(STORE, PRODUCT)).isEqualTo(1);
        }

        @Test
        void aFailingWaveIsPutAsideAndTriedAgainWithoutHoldingUpOtherRestocks() {
            subscribeMany(0, 3, null);
            subscriptions.subscribe(STORE, "p-78", null, mobile(10), CONSENT, now());
            events.record(restock(null, 1));
            RestockFanOut fanOut = new RestockFanOut(db.jdbc(), db.tx(), db.dialect(), settings, composer, messages,
                    suppression, window, (store, product, sku) -> {
                        if (!inStock) {
                            throw new IllegalStateException("the host's inventory service is down");
                        }
                        return true;
                    }, wavesOf(1), clock);
            assertThat(fanOut.drainDue()).isEqualTo(1);
            long failing = onlyEventId();
            clock.advance(Duration.ofMinutes(15));
            events.record(new ProductRestocked(STORE, "p-78", null, "Prato", null, 0, 1));
            inStock = false;

            assertThat(fanOut.drainDue()).as("the other restock goes out").isEqualTo(1);
            assertThat(eventStatus(failing)).isEqualTo("PENDING");
            assertThat(eventReason(failing)).isEqualTo(RestockFanOut.WAVE_FAILED);
            assertThat(db.count("sms_message", "")).isEqualTo(2);
            assertThat(db.count("sms_subscription", "status = 'NOTIFIED'")).isEqualTo(2);

            inStock = true;
            assertThat(fanOut.drainDue()).as("not before the interval").isZero();
            clock.advance(Duration.ofMinutes(15));
            assertThat(fanOut.drainDue()).isEqualTo(1);
            assertThat(eventReason(failing)).isNull();
        }

        @Test
        void wavesStopWhenTheProductIsSoldOutAgainAndTheRestKeepWaiting() {
            subscribeMany(0, 250, null);
            RestockFanOut fanOut = fanOut(wavesOf(100));
            events.record(restock(null, 10));
            long event = onlyEventId();

            assertThat(fanOut.drainDue()).isEqualTo(100);
            clock.advance(Duration.ofMinutes(15));
            inStock = false;

            assertThat(fanOut.drainDue()).isZero();
            assertThat(eventStatus(event)).isEqualTo("STOPPED");
            assertThat(eventReason(event)).isEqualTo(RestockFanOut.OUT_OF_STOCK);
            assertThat(db.count("sms_message", "")).isEqualTo(100);
            assertThat(db.count("sms_subscription", "status = 'ACTIVE'")).isEqualTo(150);
            assertThat(subscriptions.countActive(STORE, PRODUCT)).isEqualTo(150);

            // The next restock picks up where the last one stopped.
            inStock = true;
            events.record(restock(null, 10));
            assertThat(fanOut.drainDue()).isEqualTo(100);
            assertThat(db.jdbc().queryForObject("SELECT MIN(s.id) FROM sms_subscription s WHERE s.status = 'ACTIVE'",
                    Long.class)).isEqualTo(db.jdbc().queryForObject("SELECT MAX(id) FROM sms_subscription", Long.class) - 49);
        }

        @Test
        void aStoreWhoseModeHasNoAlertsStopsTheRestockAndTellsNobody() {
            settings.save(new StoreSettings(STORE, SmsMode.STATUS_CHANGES, Sender.of("Loja da Ana"), Contact.of("1133334444")));
            subscribeMany(0, 5, null);
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isZero();

            assertThat(eventStatus(onlyEventId())).isEqualTo("STOPPED");
            assertThat(eventReason(onlyEventId())).isEqualTo(Composition.MODE_OFF);
            assertThat(db.count("sms_message", "")).isZero();
            assertThat(db.count("sms_subscription", "status = 'ACTIVE'")).isEqualTo(5);
        }

        @Test
        void aHostThatTurnedAnInventoryFeatureOffPausesAlertsAndTellsNobody() {
            profile = new StoreProfile("Loja da Ana", true, false);
            subscribeMany(0, 5, null);
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isZero();

            assertThat(eventStatus(onlyEventId())).isEqualTo("STOPPED");
            assertThat(eventReason(onlyEventId())).isEqualTo(Composition.ALERTS_PAUSED);
            assertThat(db.count("sms_message", "")).isZero();
            assertThat(db.count("sms_subscription", "status = 'ACTIVE'")).isEqualTo(5);
        }

        @Test
        void aStoreWithoutSenderAndContactStopsTheRestockInsteadOfUsingUpTheSubscriptions() {
            settings.save(new StoreSettings(STORE, SmsMode.MANUAL_WITH_AVAILABILITY, null, null));
            subscribeMany(0, 5, null);
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isZero();

            assertThat(eventReason(onlyEventId())).isEqualTo(Composition.STORE_NOT_CONFIGURED);
            assertThat(db.count("sms_subscription", "status = 'ACTIVE'")).isEqualTo(5);
        }

        @Test
        void aSuppressedShopperGetsASkippedRowNotAMessage() {
            long optedOut = subscribe(mobile(1), null);
            long waiting = subscribe(mobile(2), null);
            suppression.suppress(mobile(1), "SAIR");
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isEqualTo(2);

            QueuedMessage skipped = messages.find(STORE, RestockFanOut.idempotencyKey(onlyEventId(), optedOut)).orElseThrow();
            assertThat(skipped.status()).isEqualTo(MessageStatus.SKIPPED);
            assertThat(skipped.reason()).isEqualTo("suppressed");
            assertThat(skipped.body()).isNull();
            assertThat(skipped.segments()).isZero();
            assertThat(messages.find(STORE, RestockFanOut.idempotencyKey(onlyEventId(), waiting)).orElseThrow().status())
                    .isEqualTo(MessageStatus.QUEUED);
            assertThat(db.count("sms_subscription", "status = 'NOTIFIED'")).isEqualTo(2);
        }

        @Test
        void aShopperWithAnInvalidNumberGetsARejectedRow() {
            // A number no signup form would take today, as an import from an older system may bring.
            var now = DbTime.toDb(now());
            db.jdbc().update("INSERT INTO sms_subscription (store_id, product_id, recipient, consent_version, consented_at,"
                    + " status, created_at) VALUES (?, ?, '+551133334444', ?, ?, 'ACTIVE', ?)", STORE.value(), PRODUCT,
                    CONSENT, now, now);
            long landline = db.jdbc().queryForObject("SELECT id FROM sms_subscription", Long.class);
            long valid = subscribe(mobile(1), null);
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isEqualTo(2);

            QueuedMessage rejected = messages.find(STORE, RestockFanOut.idempotencyKey(onlyEventId(), landline)).orElseThrow();
            assertThat(rejected.status()).isEqualTo(MessageStatus.REJECTED);
            assertThat(rejected.reason()).isEqualTo("phone-landline");
            assertThat(messages.find(STORE, RestockFanOut.idempotencyKey(onlyEventId(), valid)).orElseThrow().status())
                    .isEqualTo(MessageStatus.QUEUED);
        }

        @Test
        void aSkusRestockTellsThatSkusShoppersAndThoseOfTheWholeProduct() {
            long blue = subscribe(mobile(1), "azul");
            long green = subscribe(mobile(2), "verde");
            long any = subscribe(mobile(3), null);
            RestockFanOut fanOut = fanOut(RestockOptions.defaults());

            events.record(restock("azul", 10));
            assertThat(fanOut.drainDue()).isEqualTo(2);

            assertThat(subscriptions.find(blue).orElseThrow().status()).isEqualTo(SubscriptionStatus.NOTIFIED);
            assertThat(subscriptions.find(any).orElseThrow().status()).isEqualTo(SubscriptionStatus.NOTIFIED);
            assertThat(subscriptions.find(green).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);

            // A restock of the product as a whole reaches every SKU's shoppers.
            events.record(restock(null, 10));
            assertThat(fanOut.drainDue()).isEqualTo(1);
            assertThat(subscriptions.find(green).orElseThrow().status()).isEqualTo(SubscriptionStatus.NOTIFIED);
        }

        @Test
        void aNumberSignedUpForTheProductAndItsSkuHearsOnce() {
            subscribe(mobile(1), "azul");
            subscribe(mobile(1), null);
            events.record(restock("azul", 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isEqualTo(1);

            assertThat(db.count("sms_message", "")).isEqualTo(1);
            assertThat(db.count("sms_subscription", "status = 'NOTIFIED'")).isEqualTo(2);
        }

        @Test
        void aTenKilobyteProductNameIsClippedInTheEventAndShortenedInTheMessage() {
            subscribe(mobile(1), null);
            String huge = "Caneca " + "x".repeat(10_240);
            events.record(new ProductRestocked(STORE, PRODUCT, null, huge, "https://loja.example/c?" + "q".repeat(2_000), 0, 3));

            assertThat(db.jdbc().queryForObject("SELECT product_name FROM sms_restock_event", String.class))
                    .hasSize(RestockEvents.MAX_PRODUCT_NAME);
            assertThat(db.jdbc().queryForObject("SELECT product_url FROM sms_restock_event", String.class))
                    .hasSize(RestockEvents.MAX_PRODUCT_URL);

            events.record(new ProductRestocked(STORE, "p-78", null, huge, null, 0, 3));
            subscriptions.subscribe(STORE, "p-78", null, mobile(2), CONSENT, now());
            fanOut(RestockOptions.defaults()).drainDue();

            QueuedMessage message = messages.recent(STORE, 10).stream()
                    .filter(m -> m.status() == MessageStatus.QUEUED).findFirst().orElseThrow();
            assertThat(message.segments()).isEqualTo(1);
            assertThat(message.body()).startsWith("Loja da Ana: Caneca xxx").contains("... voltou ao estoque!")
                    .hasSizeLessThanOrEqualTo(160);
        }

        @Test
        void aRestockOfAProductThatWasNotSoldOutAlertsNobody() {
            subscribe(mobile(1), null);
            events.record(new ProductRestocked(STORE, PRODUCT, null, "Caneca", null, 5, 30));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isZero();

            assertThat(eventReason(onlyEventId())).isEqualTo(Composition.NOT_BACK_IN_STOCK);
            assertThat(subscriptions.countActive(STORE, PRODUCT)).isEqualTo(1);
        }

        @Test
        void aRestockNobodyWaitsForIsDoneAtOnce() {
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isZero();

            assertThat(eventStatus(onlyEventId())).isEqualTo("DONE");
        }

        @Test
        void aHandlersVetoKeepsThatShopperOutOfTheWave() {
            extensions.register(new SmsExtensionHandler() {
                @Override
                public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                    if (draft.recipient().equals(mobile(1).e164())) {
                        draft.veto("bought-it-already");
                        return ExtensionResultStatus.HANDLED_STOP;
                    }
                    return ExtensionResultStatus.NOT_HANDLED;
                }
            });
            subscribe(mobile(1), null);
            subscribe(mobile(2), null);
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isEqualTo(1);

            assertThat(db.count("sms_message", "recipient = ?", mobile(2).e164())).isEqualTo(1);
            assertThat(eventStatus(onlyEventId())).isEqualTo("DONE");
        }

        @Test
        void aStoppedRestockDoesNotHoldUpTheOthersDueBehindIt() {
            subscribe(mobile(1), null);
            events.record(new ProductRestocked(STORE, PRODUCT, null, "Caneca", null, 5, 30));   // stops
            events.record(restock(null, 10));                                                  // tells

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isEqualTo(1);
        }

        @Test
        void twoNodesDrainingTwoRestocksOfOneProductTellEachShopperOnce() throws Exception {
            subscribeMany(0, 1_000, null);
            events.record(restock(null, 10));
            events.record(restock(null, 10));
            RestockFanOut node1 = fanOut(wavesOf(200));
            RestockFanOut node2 = fanOut(wavesOf(200));

            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                int told = 0;
                for (int round = 0; round < 20 && told < 1_000; round++) {
                    List<Future<Integer>> runs = nodes.invokeAll(List.<Callable<Integer>>of(node1::drainDue, node2::drainDue));
                    for (Future<Integer> run : runs) {
                        told += run.get();
                    }
                    clock.advance(Duration.ofMinutes(15));
                }
            } finally {
                nodes.shutdownNow();
            }

            assertThat(db.count("sms_message", "")).isEqualTo(1_000);
            assertThat(db.jdbc().queryForObject("SELECT COUNT(DISTINCT recipient) FROM sms_message", Long.class))
                    .isEqualTo(1_000);
            assertThat(db.count("sms_subscription", "status = 'NOTIFIED'")).isEqualTo(1_000);
        }

        @Test
        void theSameRestockRecordedTwiceTellsNobodyTwice() {
            subscribe(mobile(1), null);
            subscribe(mobile(2), null);
            events.record(restock(null, 10));
            events.record(restock(null, 10));

            assertThat(fanOut(RestockOptions.defaults()).drainDue()).isEqualTo(2);
            assertThat(db.count("sms_restock_event", "status = 'DONE'")).isEqualTo(2);
        }

        @Test
        void anAlertWaitsForTheWindowInTheShoppersOwnTimeZone() {
            long id = subscribe(MobileNumber.of("+5592987654321"), null);   // Manaus, an hour behind São Paulo
            clock.set(Instant.parse("2026-03-10T12:30:00Z"));                // 09:30 in São Paulo, 08:30 in Manaus
            events.record(restock(null, 1));

            fanOut(RestockOptions.defaults()).drainDue();

            QueuedMessage message = messages.find(STORE, RestockFanOut.idempotencyKey(onlyEventId(), id)).orElseThrow();
            assertThat(message.recipientMasked()).isEqualTo("+55 92 9****-4321");
            assertThat(message.notBefore()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
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
