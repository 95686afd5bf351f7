package dev.torpedo.sms.demo;

import dev.torpedo.sms.demo.shop.Store;
import dev.torpedo.sms.demo.shop.Stores;
import dev.torpedo.sms.impl.credit.CreditLedger;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Each store gets the plugin's 10 free credits when the host opens it (once: the ledger keeps the grant). */
@Component
class FreeCredits implements ApplicationRunner {

    private final Stores stores;
    private final CreditLedger ledger;
    private final TransactionTemplate tx;

    FreeCredits(Stores stores, CreditLedger ledger, TransactionTemplate tx) {
        this.stores = stores;
        this.ledger = ledger;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Store store : stores.all()) {
            tx.executeWithoutResult(status -> ledger.grantFreeCredits(store.storeId()));
        }
    }
}
