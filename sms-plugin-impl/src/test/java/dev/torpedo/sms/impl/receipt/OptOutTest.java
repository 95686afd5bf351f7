package dev.torpedo.sms.impl.receipt;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.compose.DefaultStatusTemplateMapping;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.receipt.OptOut.Outcome;
import dev.torpedo.sms.impl.restock.RestockEvents;
import dev.torpedo.sms.impl.restock.SubscriptionStatus;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderingOptions;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.LogCapture;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.ReceiptRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.window.SendWindow;
import dev.torpedo.sms.impl.window.SendWindowOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.torpedo.sms.impl.testing.ReceiptRig.STORE;
import static org.assertj.core.api.Assertions.assertThat;

/** A reply SAIR (and its variants) stops everything for the number; any other reply changes nothing. */
class OptOutTest {

    static final TemplateCatalog CATALOG = TemplateCatalog.loadApproved();

    abstract static class Contract extends DatabaseContract {

        static final MobileNumber SHOPPER = MobileNumber.of("+5511987654321");
        static final MobileNumber OTHER = QueueRig.number(5);
        static final StoreId OTHER_STORE = StoreId.of("loja-2");

        ReceiptRig rig;
        OptOut optOut;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            rig = new ReceiptRig(db);
            optOut = rig.optOut();
        }

        @AfterEach
        void unwire() {
            rig.close();
        }

        OptOut.Result reply(String from, String text) {
            return optOut.handle(new InboundReply("zenvia", from, text, "in-1"));
        }

        MessageStatus status(long id) {
            return rig.queue().message(id).status();
        }

        /** A message that paid and then went back to the queue (its window closed before its turn). */
        long paidAndQueuedForTomorrow(MobileNumber to) {
            long id = rig.queuedForTomorrow(to);
            db.tx().executeWithoutResult(s -> {
                rig.queue().ledger().debit(STORE, List.of(new CreditLedger.Debit(id, 1)));
                db.jdbc().update("UPDATE sms_message SET credits_debited = 1, reason = 'window-closed' WHERE id = ?", id);
            });
            return id;
        }

        long subscribe(StoreId store, String product, MobileNumber mobile) {
            return rig.subscriptions().subscribe(store, product, null, mobile, "avise-me-v1", rig.clock().instant());
        }

        /** The hook wired as in its own test, on the rig's database and clock. */
        TorpedoSmsHook hook() {
            StoreSettingsRepository settings = new StoreSettingsRepository(db.jdbc(), db.dialect(), rig.clock());
            settings.save(new StoreSettings(STORE, SmsMode.STATUS_CHANGES_WITH_AVAILABILITY, Sender.of("Loja da Ana"),
                    Contact.of("1133334444")));
            MessageComposer composer = new MessageComposer(CATALOG, new MessageRenderer(CATALOG, RenderingOptions.defaults()),
                    new PhoneNumberParser(), new SmsExtensionManager(true), new DefaultStatusTemplateMapping(),
                    id -> Optional.of(new StoreProfile("Loja da Ana", true, true)));
            SendWindow window = new SendWindow(rig.clock(), SendWindowOptions.defaults(), new BrazilianCalendar());
            return new TorpedoSmsHook(settings, composer, new MessageRepository(db.jdbc(), db.dialect(), rig.clock()),
                    rig.queue().suppressions(), new RestockEvents(db.jdbc(), rig.clock()), window, QueueMetrics.NONE,
                    rig.clock());
        }

        @Test
        void aReplySairSuppressesTheNumberCancelsItsWaitingMessagesWithRefundsAndItsSubscriptions() {
            long sent = rig.sent(SHOPPER, "zenvia", "zen-1");
            long queued = rig.queuedForTomorrow(SHOPPER);
            long paid = paidAndQueuedForTomorrow(SHOPPER);
            long waitingForCredit = rig.queuedForTomorrow(SHOPPER);
            db.jdbc().update("UPDATE sms_message SET status = 'WAITING_CREDIT', reason = 'no-credit' WHERE id = ?",
                    waitingForCredit);
            long inFlight = rig.queuedForTomorrow(SHOPPER);
            db.jdbc().update("UPDATE sms_message SET status = 'SENDING', lease_owner = 'node-1' WHERE id = ?", inFlight);
            long someoneElses = rig.queuedForTomorrow(OTHER);
            long tenis = subscribe(STORE, "tenis-42", SHOPPER);
            long bolsa = subscribe(OTHER_STORE, "bolsa-7", SHOPPER);
            long othersSubscription = subscribe(STORE, "tenis-42", OTHER);
            int balance = rig.queue().ledger().balance(STORE);

            OptOut.Result result = reply("5511987654321", "Sair");

            assertThat(result).isEqualTo(new OptOut.Result(Outcome.OPTED_OUT, Optional.of("SAIR"), 3, 1, 2));
            assertThat(rig.queue().suppressions().isSuppressed(SHOPPER)).isTrue();
            assertThat(db.jdbc().queryForObject("SELECT reason FROM sms_suppression WHERE recipient = ?", String.class,
                    SHOPPER.e164())).isEqualTo("reply:SAIR");
            for (long id : List.of(queued, paid, waitingForCredit)) {
                assertThat(rig.queue().message(id).status()).isEqualTo(MessageStatus.CANCELLED);
                assertThat(rig.queue().message(id).reason()).isEqualTo("opted-out");
            }
            assertThat(rig.queue().ledgerRows("REFUND", paid)).isEqualTo(1);
            assertThat(rig.queue().ledgerRows("REFUND", queued)).isZero();
            assertThat(rig.queue().ledger().balance(STORE)).isEqualTo(balance + 1);
            assertThat(rig.queue().ledgerSum(STORE)).isEqualTo(rig.queue().ledger().balance(STORE));
            assertThat(status(sent)).as("already sent").isEqualTo(MessageStatus.SENT);
            assertThat(status(inFlight)).as("in the provider's hands").isEqualTo(MessageStatus.SENDING);
            assertThat(status(someoneElses)).isEqualTo(MessageStatus.QUEUED);
            assertThat(rig.subscriptions().find(tenis).orElseThrow().status()).isEqualTo(SubscriptionStatus.CANCELLED);
            assertThat(rig.subscriptions().find(bolsa).orElseThrow().status()).isEqualTo(SubscriptionStatus.CANCELLED);
            assertThat(rig.subscriptions().find(othersSubscription).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        }

        @Test
        void afterAnOptOutTheHookQueuesNothingForTheNumberAndTheDispatcherSendsNothing() {
            TorpedoSmsHook hook = hook();
            reply("+5511987654321", "PARE");

            HookResult result = hook.orderCreated(new OrderCreated(STORE, "981", "981", "Ana", "(11) 98765-4321",
                    new BigDecimal("149.90"), "SUBMITTED"));

            assertThat(result).isEqualTo(HookResult.skipped("suppressed"));
            assertThat(rig.queue().messages().find(STORE, "order:981:created").orElseThrow().status())
                    .isEqualTo(MessageStatus.SKIPPED);
            rig.queue().dispatcher("node-1").drain();
            assertThat(rig.queue().gateway().callCount()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {" sair ", "SAIR", "Pare!", "parar", "STOP.", "CANCELÁR", "cancelar", "\"Sair\"",
                "sair\n", "🙏 Pare 🙏", "Ｓａｉｒ"})
        void everyVariantOfAKeywordOptsOut(String text) {
            long queued = rig.queuedForTomorrow(SHOPPER);

            OptOut.Result result = reply("+5511987654321", text);

            assertThat(result.outcome()).isEqualTo(Outcome.OPTED_OUT);
            assertThat(rig.queue().suppressions().isSuppressed(SHOPPER)).isTrue();
            assertThat(db.jdbc().queryForObject("SELECT reason FROM sms_suppression WHERE recipient = ?", String.class,
                    SHOPPER.e164())).isEqualTo("reply:" + result.keyword().orElseThrow());
            assertThat(status(queued)).isEqualTo(MessageStatus.CANCELLED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Obrigada!", "Quero sair da lista", "sairr", "", "   ", "Parabéns", "STOP IT", "ok"})
        void anyOtherReplyChangesNothing(String text) {
            rig.queuedForTomorrow(SHOPPER);
            subscribe(STORE, "tenis-42", SHOPPER);
            var before = rig.snapshot();

            assertThat(reply("5511987654321", text).outcome()).isEqualTo(Outcome.NOT_A_KEYWORD);

            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void anOtherReplyIsLoggedMaskedWithoutItsText() {
            try (var logs = LogCapture.start()) {
                reply("5511987654321", "Meu pedido 981 chegou, obrigada");

                assertThat(logs.lines()).anyMatch(line -> line.contains("Reply from +55 11 9****-4321 via zenvia is not"
                        + " an opt-out keyword: ignored"));
                assertThat(logs.lines()).noneMatch(line -> line.contains("chegou") || line.contains("987654321"));
            }
        }

        @Test
        void aReplayedOptOutChangesNothingMore() {
            paidAndQueuedForTomorrow(SHOPPER);
            reply("5511987654321", "SAIR");
            var before = rig.snapshot();
            rig.clock().advance(Duration.ofMinutes(1));

            OptOut.Result again = reply("5511987654321", "SAIR");

            assertThat(again).isEqualTo(new OptOut.Result(Outcome.OPTED_OUT, Optional.of("SAIR"), 0, 0, 0));
            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void aKeywordFromANumberThatIsNotABrazilianMobileChangesNothing() {
            var before = rig.snapshot();

            try (var logs = LogCapture.start()) {
                assertThat(reply("+14155550123", "STOP").outcome()).isEqualTo(Outcome.NOT_A_MOBILE);
                assertThat(reply("(11) 3333-4444", "STOP").outcome()).isEqualTo(Outcome.NOT_A_MOBILE);

                assertThat(logs.lines()).noneMatch(line -> line.contains("4155550123") || line.contains("33334444"));
                assertThat(logs.lines()).anyMatch(line -> line.contains("****0123"));
            }
            assertThat(rig.snapshot()).isEqualTo(before);
        }

        @Test
        void theOptOutLogLineCarriesTheMaskedNumberAndWhatWasDone() {
            paidAndQueuedForTomorrow(SHOPPER);

            try (var logs = LogCapture.start()) {
                reply("5511987654321", "Cancelar");

                assertThat(logs.lines()).anyMatch(line -> line.contains("Opt-out by reply CANCELAR via zenvia from"
                        + " +55 11 9****-4321: number suppressed, 1 queued message(s) cancelled (1 credit(s) refunded)"));
                assertThat(logs.lines()).noneMatch(line -> line.contains("987654321"));
            }
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
