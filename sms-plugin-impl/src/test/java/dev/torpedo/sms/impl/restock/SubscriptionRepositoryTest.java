package dev.torpedo.sms.impl.restock;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionRepositoryTest {

    abstract static class Contract extends RestockContract {

        Contract(TestDatabase database) {
            super(database);
        }

        @Test
        void aSignupKeepsTheShoppersConsent() {
            Instant ticked = now().minus(Duration.ofSeconds(3));

            long id = subscriptions.subscribe(STORE, " p-77 ", " ", mobile(1), "avise-me-v2", ticked);

            Subscription subscription = subscriptions.find(id).orElseThrow();
            assertThat(subscription.productId()).isEqualTo(PRODUCT);
            assertThat(subscription.skuId()).isNull();
            assertThat(subscription.recipient()).isEqualTo(mobile(1));
            assertThat(subscription.consentVersion()).isEqualTo("avise-me-v2");
            assertThat(subscription.consentedAt()).isEqualTo(ticked);
            assertThat(subscription.createdAt()).isEqualTo(now());
            assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(subscription.notifiedAt()).isNull();
            assertThat(subscription.toString()).doesNotContain(mobile(1).e164());
        }

        @Test
        void signingUpAgainForTheSameProductKeepsTheShoppersPlace() {
            long first = subscribe(mobile(1), null);
            subscribe(mobile(2), null);

            assertThat(subscribe(mobile(1), null)).isEqualTo(first);
            assertThat(subscribe(mobile(1), "azul")).isNotEqualTo(first);
            assertThat(subscribe(mobile(1), "azul")).isEqualTo(subscribe(mobile(1), "azul"));
            assertThat(subscriptions.subscribe(StoreId.of("43"), PRODUCT, null, mobile(1), CONSENT, now()))
                    .isNotEqualTo(first);
            assertThat(db.count("sms_subscription", "")).isEqualTo(4);
        }

        @Test
        void aShopperAlreadyToldCanSignUpAgainForTheNextRestock() {
            long first = subscribe(mobile(1), null);
            events.record(restock(null, 1));
            fanOut(RestockOptions.defaults()).drainDue();

            long again = subscribe(mobile(1), null);

            assertThat(again).isGreaterThan(first);
            assertThat(subscriptions.countActive(STORE, PRODUCT)).isEqualTo(1);
        }

        @Test
        void aCancelledSubscriptionIsNoLongerCountedNorCancelledTwice() {
            long id = subscribe(mobile(1), null);
            subscribe(mobile(2), "azul");
            assertThat(subscriptions.countActive(STORE, PRODUCT)).isEqualTo(2);

            assertThat(subscriptions.cancel(id)).isTrue();
            assertThat(subscriptions.cancel(id)).isFalse();
            assertThat(subscriptions.cancel(-1)).isFalse();

            assertThat(subscriptions.find(id).orElseThrow().status()).isEqualTo(SubscriptionStatus.CANCELLED);
            assertThat(subscriptions.countActive(STORE, PRODUCT)).isEqualTo(1);
            assertThat(subscriptions.countActive(STORE, "p-other")).isZero();
        }

        @Test
        void cancellingANumberEndsAllItsActiveSubscriptionsInEveryStore() {
            subscribe(mobile(1), null);
            subscribe(mobile(1), "azul");
            subscriptions.subscribe(StoreId.of("43"), "p-1", null, mobile(1), CONSENT, now());
            long other = subscribe(mobile(2), null);

            assertThat(subscriptions.cancelAll(mobile(1))).isEqualTo(3);

            assertThat(subscriptions.cancelAll(mobile(1))).isZero();
            assertThat(subscriptions.find(other).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        }

        @Test
        void aSignupWithoutProductOrConsentVersionIsRefused() {
            assertThatThrownBy(() -> subscriptions.subscribe(STORE, " ", null, mobile(1), CONSENT, now()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("product id");
            assertThatThrownBy(() -> subscriptions.subscribe(STORE, PRODUCT, null, mobile(1), "", now()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consent version");
            assertThatThrownBy(() -> subscriptions.subscribe(STORE, PRODUCT, null, mobile(1), "v".repeat(21), now()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 20");
            assertThatThrownBy(() -> subscriptions.subscribe(STORE, PRODUCT, "s".repeat(65), mobile(1), CONSENT, now()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SKU id");
            assertThatThrownBy(() -> subscriptions.subscribe(STORE, PRODUCT, null, mobile(1), CONSENT, null))
                    .isInstanceOf(NullPointerException.class);
            assertThat(db.count("sms_subscription", "")).isZero();
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
