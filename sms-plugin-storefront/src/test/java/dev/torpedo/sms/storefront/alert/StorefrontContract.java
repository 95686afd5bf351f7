package dev.torpedo.sms.storefront.alert;

import static dev.torpedo.sms.storefront.alert.StorefrontRig.STORE;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the storefront's database contracts: one shop ({@link StorefrontRig}) per database class, set back
 * before each test to a Tuesday afternoon in São Paulo, the store in mode 6 with its sender, contact and free
 * credits, both host features on, nothing in stock.
 */
abstract class StorefrontContract extends DatabaseContract {

    /** Tuesday 14:00 in São Paulo: inside the window. */
    static final Instant AFTERNOON = Instant.parse("2026-12-01T17:00:00Z");

    StorefrontRig rig;

    StorefrontContract(TestDatabase database) {
        super(database);
    }

    @BeforeAll
    void openShop() {
        rig = new StorefrontRig(db, AFTERNOON);
    }

    @AfterAll
    void closeShop() {
        rig.close();
    }

    @BeforeEach
    void freshShop() {
        rig.clock().set(AFTERNOON);
        rig.profile = new StoreProfile("Loja Um", true, true);
        rig.inStock.clear();
        rig.names.clear();
        rig.resetGateway();
        rig.productLinks = (store, product, url) -> url;
        mode(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY);
        db.tx().executeWithoutResult(s -> rig.bean(CreditLedger.class).grantFreeCredits(STORE));
    }

    void mode(SmsMode mode) {
        db.tx().executeWithoutResult(s -> rig.bean(StoreSettingsRepository.class).save(new StoreSettings(STORE, mode,
                Sender.of("Loja Um"), Contact.of("1133334444"))));
    }
}
