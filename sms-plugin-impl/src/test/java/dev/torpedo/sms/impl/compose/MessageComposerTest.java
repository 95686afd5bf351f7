package dev.torpedo.sms.impl.compose;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.OrderStatusChanged;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.api.extension.ExtensionResultHolder;
import dev.torpedo.sms.api.extension.ExtensionResultStatus;
import dev.torpedo.sms.api.extension.MessageDraft;
import dev.torpedo.sms.api.extension.SmsExtensionHandler;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderingOptions;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MessageComposerTest {

    private static final TemplateCatalog CATALOG = TemplateCatalog.loadApproved();
    private static final StoreId STORE = StoreId.of("42");
    private static final MessageRenderer RENDERER = new MessageRenderer(CATALOG, RenderingOptions.defaults());

    private final SmsExtensionManager extensions = new SmsExtensionManager(true);
    private StoreProfile profile = new StoreProfile("Loja da Ana", true, true);
    private final MessageComposer composer = new MessageComposer(CATALOG, RENDERER, new PhoneNumberParser(),
            extensions, new DefaultStatusTemplateMapping(), id -> Optional.ofNullable(profile));

    private static StoreSettings settings(SmsMode mode) {
        return new StoreSettings(STORE, mode, Sender.of("Loja da Ana"), Contact.of("1133334444"));
    }

    private static OrderCreated order(String mobile) {
        return new OrderCreated(STORE, "981", "2026-000981", "Ana Souza", mobile, new BigDecimal("1249.9"), "SUBMITTED");
    }

    private static OrderStatusChanged shipped(String tracking) {
        return new OrderStatusChanged(STORE, "981", "2026-000981", "Ana Souza", "(11) 91234-5678", "PAID", "SHIPPED",
                "Enviado", tracking);
    }

    private static ProductRestocked restock() {
        return new ProductRestocked(STORE, "p-77", null, "Caneca Azul", "https://loja.example/caneca", 0, 25);
    }

    @ParameterizedTest(name = "mode {0}: order created {1}, status changed {2}, back in stock {3}")
    @CsvSource({
            "0, false, false, false",
            "1, false, false, false",
            "2, true,  false, false",
            "3, true,  true,  false",
            "4, false, false, true",
            "5, true,  false, true",
            "6, true,  true,  true"})
    void theModeDecidesWhichEventsProduceAMessage(int code, boolean onOrder, boolean onStatus, boolean onRestock) {
        StoreSettings store = settings(SmsMode.fromCode(code));

        assertThat(composer.orderCreated(store, order("11912345678")) instanceof Composition.Composed).isEqualTo(onOrder);
        assertThat(composer.orderStatusChanged(store, shipped(null)) instanceof Composition.Composed).isEqualTo(onStatus);
        assertThat(composer.backInStock(store, restock(), "11912345678", "restock:1:sub:1")
                instanceof Composition.Composed).isEqualTo(onRestock);
        assertThat(composer.restockSkipReason(store, restock()).isEmpty()).isEqualTo(onRestock);
    }

    @Test
    void anEventTheModeDoesNotSendForIsSkippedAsModeOff() {
        assertThat(composer.orderCreated(settings(SmsMode.MANUAL), order("11912345678")))
                .isEqualTo(new Composition.Skipped(Composition.MODE_OFF));
    }

    @Test
    void aNewOrderMakesTheThankYouMessageWithAnIdempotencyKey() {
        Composition result = composer.orderCreated(settings(SmsMode.NEW_ORDER), order("(11) 91234-5678"));

        assertThat(result).isInstanceOfSatisfying(Composition.Composed.class, message -> {
            assertThat(message.idempotencyKey()).isEqualTo("order:981:created");
            assertThat(message.template()).isEqualTo(TemplateKey.ORDER_RECEIVED);
            assertThat(message.approvalReference()).isEqualTo(CATALOG.get(TemplateKey.ORDER_RECEIVED).approvalReference());
            assertThat(message.recipient()).isEqualTo(MobileNumber.of("+5511912345678"));
            assertThat(message.text().text()).isEqualTo("Loja da Ana: Ola Ana, recebemos seu pedido 2026-000981 de "
                    + "R$ 1.249,90. Obrigado pela compra! Contato: 1133334444");
            assertThat(message.text().credits()).isEqualTo(1);
        });
    }

    @Test
    void aStatusCodeTheHostUsesPicksItsApprovedTemplate() {
        Composition result = composer.orderStatusChanged(settings(SmsMode.STATUS_CHANGES), shipped("BR123456789BR"));

        assertThat(result).isInstanceOfSatisfying(Composition.Composed.class, message -> {
            assertThat(message.idempotencyKey()).isEqualTo("order:981:status:SHIPPED");
            assertThat(message.template()).isEqualTo(TemplateKey.SHIPPED);
            assertThat(message.text().text()).contains("foi enviado! Rastreio: BR123456789BR");
        });
    }

    @Test
    void anUnmappedStatusGetsTheGenericMessageWithItsLabel() {
        OrderStatusChanged picking = new OrderStatusChanged(STORE, "981", "981", "Ana", "11912345678", "PAID",
                "PICKING", "Em separação", null);

        Composition result = composer.orderStatusChanged(settings(SmsMode.STATUS_CHANGES), picking);

        assertThat(result).isInstanceOfSatisfying(Composition.Composed.class, message -> {
            assertThat(message.template()).isEqualTo(TemplateKey.STATUS_CHANGED);
            assertThat(message.text().text()).contains("Seu pedido 981 mudou para: Em separacao.");
        });
    }

    @Test
    void aStatusThatDidNotChangeSendsNothing() {
        OrderStatusChanged same = new OrderStatusChanged(STORE, "981", "981", "Ana", "11912345678", "PAID", "PAID",
                null, null);

        assertThat(composer.orderStatusChanged(settings(SmsMode.STATUS_CHANGES), same))
                .isEqualTo(new Composition.Skipped(Composition.STATUS_UNCHANGED));
    }

    @Test
    void anExtensionHandlerMapsAHostStatusBeforeTheMapping() {
        extensions.register(new SmsExtensionHandler() {
            @Override
            public ExtensionResultStatus mapStatusTemplate(OrderStatusChanged event, ExtensionResultHolder<TemplateKey> result) {
                if (event.newStatusCode().equals("SAIU_PARA_ENTREGA")) {
                    result.setResult(TemplateKey.SHIPPED);
                    return ExtensionResultStatus.HANDLED_STOP;
                }
                return ExtensionResultStatus.NOT_HANDLED;
            }
        });
        OrderStatusChanged outForDelivery = new OrderStatusChanged(STORE, "981", "981", "Ana", "11912345678", "PAID",
                "SAIU_PARA_ENTREGA", "Saiu para entrega", null);

        assertThat(composer.orderStatusChanged(settings(SmsMode.STATUS_CHANGES), outForDelivery))
                .isInstanceOfSatisfying(Composition.Composed.class,
                        message -> assertThat(message.template()).isEqualTo(TemplateKey.SHIPPED));
    }

    @Test
    void aStoredSubscriberIsAlertedAsStoredUnlessAHandlerChangesTheNumberWhichIsThenReadAsTyped() {
        MobileNumber subscriber = MobileNumber.of("+5511912345678");
        MessageComposer.RestockAlert alert = composer.restockAlert(settings(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY), restock());

        assertThat(alert.messageFor(subscriber, "restock:1:sub:1")).isInstanceOfSatisfying(Composition.Composed.class,
                message -> assertThat(message.recipient()).isEqualTo(subscriber));

        extensions.register(new SmsExtensionHandler() {
            @Override
            public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                draft.changeRecipient(draft.recipient().endsWith("0000") ? "(11) 3333-4444" : "(21) 98765-4321");
                return ExtensionResultStatus.HANDLED_CONTINUE;
            }
        });
        assertThat(alert.messageFor(subscriber, "restock:1:sub:1")).isInstanceOfSatisfying(Composition.Composed.class,
                message -> assertThat(message.recipient()).isEqualTo(MobileNumber.of("+5521987654321")));
        assertThat(alert.messageFor(MobileNumber.of("+5511900000000"), "restock:1:sub:2"))
                .isInstanceOfSatisfying(Composition.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo("phone-landline"));
    }

    @Test
    void anExtensionHandlerCanVetoChangeTheRecipientAndAddVariables() {
        extensions.register(new SmsExtensionHandler() {
            @Override
            public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                draft.changeRecipient("+55 21 98765-4321");
                draft.putVariable("customerName", "Dona Ana");
                return ExtensionResultStatus.HANDLED_CONTINUE;
            }
        });

        Composition changed = composer.orderCreated(settings(SmsMode.NEW_ORDER), order("11912345678"));
        assertThat(changed).isInstanceOfSatisfying(Composition.Composed.class, message -> {
            assertThat(message.recipient()).isEqualTo(MobileNumber.of("+5521987654321"));
            assertThat(message.text().text()).contains("Ola Dona Ana, recebemos");
        });

        extensions.register(new SmsExtensionHandler() {
            @Override
            public int getPriority() {
                return 10;
            }

            @Override
            public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                draft.veto("vip-customer");
                return ExtensionResultStatus.HANDLED_STOP;
            }
        });
        assertThat(composer.orderCreated(settings(SmsMode.NEW_ORDER), order("11912345678")))
                .isEqualTo(new Composition.Skipped("vetoed: vip-customer"));
    }

    @Test
    void aMissingOrInvalidPhoneIsRejectedWithItsReasonInsteadOfThrowing() {
        StoreSettings store = settings(SmsMode.NEW_ORDER);

        assertThat(composer.orderCreated(store, order(null)))
                .isEqualTo(new Composition.Rejected(STORE, "order:981:created", TemplateKey.ORDER_RECEIVED, "phone-missing"));
        assertThat(composer.orderCreated(store, order("(11) 3333-4444")))
                .isEqualTo(new Composition.Rejected(STORE, "order:981:created", TemplateKey.ORDER_RECEIVED, "phone-landline"));
    }

    @Test
    void aStoreWithoutSenderOrContactRejectsWithAReasonTheMerchantCanAct() {
        StoreSettings incomplete = new StoreSettings(STORE, SmsMode.NEW_ORDER, null, null);

        assertThat(composer.orderCreated(incomplete, order("11912345678")))
                .isEqualTo(new Composition.Rejected(STORE, "order:981:created", TemplateKey.ORDER_RECEIVED,
                        Composition.STORE_NOT_CONFIGURED));
    }

    @Test
    void restockAlertsPauseWhenTheHostTurnsAnInventoryFeatureOff() {
        profile = new StoreProfile("Loja da Ana", true, false);

        assertThat(composer.restockSkipReason(settings(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY), restock()))
                .contains(Composition.ALERTS_PAUSED);
        assertThat(composer.backInStock(settings(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY), restock(), "11912345678", "k"))
                .isEqualTo(new Composition.Skipped(Composition.ALERTS_PAUSED));

        profile = null;
        assertThat(composer.alertsAvailable(settings(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY))).isFalse();
    }

    @Test
    void aTopUpOfAProductAlreadyInStockAlertsNobody() {
        ProductRestocked topUp = new ProductRestocked(STORE, "p-77", null, "Caneca", null, 5, 30);

        assertThat(composer.restockSkipReason(settings(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY), topUp))
                .contains(Composition.NOT_BACK_IN_STOCK);
    }

    @Test
    void aHugeOrTemplateLikeProductNameIsShortenedAndPrintedLiterally() {
        ProductRestocked odd = new ProductRestocked(STORE, "p-1", null, "${7*7} " + "x".repeat(10_240), null, 0, 1);

        Composition result = composer.backInStock(settings(SmsMode.MANUAL_WITH_AVAILABILITY), odd, "11912345678", "k");

        assertThat(result).isInstanceOfSatisfying(Composition.Composed.class, message -> {
            assertThat(message.shortened()).isTrue();
            assertThat(message.text().segments()).isEqualTo(1);
            assertThat(message.text().text()).startsWith("Loja da Ana: ${7*7} xxx").contains("... voltou ao estoque!");
        });
    }

    @Test
    void theTestMessageGoesOutInEveryModeButManualSendsNeedAModeOtherThanOff() {
        StoreSettings off = settings(SmsMode.DISABLED);

        assertThat(composer.manual(off, TemplateKey.TEST, "11912345678", Map.of(), "test:1"))
                .isInstanceOf(Composition.Composed.class);
        assertThat(composer.manual(off, TemplateKey.DELIVERED, "11912345678", Map.of("orderNumber", "981"), "manual:1"))
                .isEqualTo(new Composition.Skipped(Composition.MODE_OFF));
        assertThat(composer.manual(settings(SmsMode.MANUAL), TemplateKey.DELIVERED, "11912345678",
                Map.of("orderNumber", "981"), "manual:1")).isInstanceOf(Composition.Composed.class);
    }

    @Test
    void anUnknownTemplateFromAHostMappingIsRejectedNotThrown() {
        assertThat(composer.manual(settings(SmsMode.MANUAL), TemplateKey.of("no-such-text"), "11912345678", Map.of(), "m"))
                .isEqualTo(new Composition.Rejected(STORE, "m", TemplateKey.of("no-such-text"), Composition.UNKNOWN_TEMPLATE));
    }

    @Test
    void statusChangesAreSkippedAsModeOffInModesWithoutThem() {
        assertThat(composer.orderStatusChanged(settings(SmsMode.NEW_ORDER), shipped(null)))
                .isEqualTo(new Composition.Skipped(Composition.MODE_OFF));
    }

    @Test
    void anOrderIdOrStatusCodeOutsideTheHostIdRuleIsRejectedNamingWhichWithAKeyThatStillFits() {
        String badId = "pedido\n981" + "x".repeat(60);
        OrderCreated created = new OrderCreated(STORE, badId, "981", "Ana", "11912345678", BigDecimal.TEN, "SUBMITTED");
        OrderStatusChanged badStatus = new OrderStatusChanged(STORE, "981", "981", "Ana", "11912345678", "PAID",
                "EM\tSEPARACAO", "Em separação", null);
        OrderStatusChanged badOrder = new OrderStatusChanged(STORE, badId, "981", "Ana", "11912345678", "PAID",
                "SHIPPED", "Enviado", null);

        Composition rejectedOrder = composer.orderCreated(settings(SmsMode.NEW_ORDER), created);
        Composition rejectedStatus = composer.orderStatusChanged(settings(SmsMode.STATUS_CHANGES), badStatus);
        Composition rejectedStatusOfOrder = composer.orderStatusChanged(settings(SmsMode.STATUS_CHANGES), badOrder);

        // The key keeps the printable start (control characters as '?', 40 code points) and a digest of the whole.
        String keptId = ("pedido?981" + "x".repeat(60)).substring(0, 40);
        assertThat(rejectedOrder).isInstanceOfSatisfying(Composition.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Composition.ORDER_ID_INVALID);
            assertThat(rejected.template()).isEqualTo(TemplateKey.ORDER_RECEIVED);
            assertThat(rejected.idempotencyKey()).matches("order:" + Pattern.quote(keptId) + "~[0-9a-f]{12}:created");
        });
        assertThat(rejectedStatus).isInstanceOfSatisfying(Composition.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Composition.STATUS_CODE_INVALID);
            assertThat(rejected.template()).isEqualTo(TemplateKey.STATUS_CHANGED);
            assertThat(rejected.idempotencyKey()).matches("order:981:status:EM\\?SEPARACAO~[0-9a-f]{12}");
        });
        assertThat(rejectedStatusOfOrder).isInstanceOfSatisfying(Composition.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Composition.ORDER_ID_INVALID));
        assertThat(MessageComposer.orderCreatedKey(badId)).as("the same bad event makes the same key")
                .isEqualTo(((Composition.Rejected) rejectedOrder).idempotencyKey())
                .isNotEqualTo(MessageComposer.orderCreatedKey(badId + "y"));
    }

    @Test
    void aHandlerThatStopsTheRunKeepsLaterHandlersFromTheDraftAndTheStatusChoice() {
        extensions.register(new SmsExtensionHandler() {
            @Override
            public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                draft.putVariable("customerName", "Dona Ana");
                return ExtensionResultStatus.HANDLED_STOP;
            }

            @Override
            public ExtensionResultStatus mapStatusTemplate(OrderStatusChanged event, ExtensionResultHolder<TemplateKey> result) {
                result.setResult(TemplateKey.DELIVERED);
                return ExtensionResultStatus.HANDLED_STOP;
            }
        });
        extensions.register(new SmsExtensionHandler() {
            @Override
            public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                draft.veto("should-not-run");
                return ExtensionResultStatus.HANDLED_CONTINUE;
            }

            @Override
            public ExtensionResultStatus mapStatusTemplate(OrderStatusChanged event, ExtensionResultHolder<TemplateKey> result) {
                result.setResult(TemplateKey.CANCELLED);
                return ExtensionResultStatus.HANDLED_CONTINUE;
            }
        });

        assertThat(composer.orderCreated(settings(SmsMode.NEW_ORDER), order("11912345678")))
                .isInstanceOfSatisfying(Composition.Composed.class,
                        message -> assertThat(message.text().text()).contains("Ola Dona Ana, recebemos"));
        assertThat(composer.orderStatusChanged(settings(SmsMode.STATUS_CHANGES), shipped(null)))
                .isInstanceOfSatisfying(Composition.Composed.class,
                        message -> assertThat(message.template()).isEqualTo(TemplateKey.DELIVERED));
    }

    @Test
    void aStoredSubscribersAlertCanCarryTheLinkThatStopsAlerts() {
        MessageComposer.RestockAlert alert = composer.restockAlert(settings(SmsMode.STATUS_CHANGES_WITH_AVAILABILITY), restock());
        MobileNumber subscriber = MobileNumber.of("+5511912345678");

        assertThat(alert.skipReason()).isEmpty();
        assertThat(alert.messageFor(subscriber, "restock:1:sub:1", "loja.example/sair/7-abc"))
                .isInstanceOfSatisfying(Composition.Composed.class, message -> {
                    assertThat(message.template()).isEqualTo(TemplateKey.BACK_IN_STOCK_WITH_UNSUBSCRIBE);
                    assertThat(message.recipient()).isEqualTo(subscriber);
                    assertThat(message.text().text()).contains("Caneca Azul").contains("loja.example/sair/7-abc");
                });
        assertThat(alert.messageFor(subscriber, "restock:1:sub:1", null))
                .isInstanceOfSatisfying(Composition.Composed.class, message -> {
                    assertThat(message.template()).isEqualTo(TemplateKey.BACK_IN_STOCK);
                    assertThat(message.text().text()).doesNotContain("Sair:");
                });
    }

    @Test
    void aRestockThatAlertsNobodySaysWhyOnceForEverySubscriber() {
        MessageComposer.RestockAlert alert = composer.restockAlert(settings(SmsMode.STATUS_CHANGES), restock());

        assertThat(alert.skipReason()).contains(Composition.MODE_OFF);
        assertThat(alert.messageFor(MobileNumber.of("+5511912345678"), "k", "loja.example/sair/1"))
                .isEqualTo(new Composition.Skipped(Composition.MODE_OFF));
    }

    @Test
    void theTestMessageGoesOutInEveryModeFilledWithTheGivenValues() {
        Composition result = composer.test(settings(SmsMode.DISABLED), TemplateKey.SHIPPED, "(11) 91234-5678",
                Map.of("orderNumber", "981", "trackingCode", "BR123456789BR"), "test:7");

        assertThat(result).isInstanceOfSatisfying(Composition.Composed.class, message -> {
            assertThat(message.idempotencyKey()).isEqualTo("test:7");
            assertThat(message.recipient()).isEqualTo(MobileNumber.of("+5511912345678"));
            assertThat(message.text().text()).isEqualTo(
                    "Loja da Ana: Seu pedido 981 foi enviado! Rastreio: BR123456789BR Contato: 1133334444");
        });
    }

    @Test
    void aMessageThatCannotFitIsRejectedAsTooLong() {
        ProductRestocked longLink = new ProductRestocked(STORE, "p-1", null, "Caneca",
                "https://loja.example/" + "p".repeat(2_000), 0, 1);

        assertThat(composer.backInStock(settings(SmsMode.MANUAL_WITH_AVAILABILITY), longLink, "11912345678", "k"))
                .isEqualTo(new Composition.Rejected(STORE, "k", TemplateKey.BACK_IN_STOCK, Composition.MESSAGE_TOO_LONG));
    }

    @Test
    void thePreviewRendersWithTheComposersOwnRenderer() {
        assertThat(composer.renderer()).isSameAs(RENDERER);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(value = {"Ana Souza, Ana", "'  Ana  ', Ana", "Ana, Ana", "'', ''", "Maria da Silva, Maria"})
    void aShopperIsGreetedByTheFirstName(String name, String first) {
        assertThat(MessageComposer.firstName(name)).isEqualTo(first);
        assertThat(MessageComposer.firstName(null)).isEmpty();
    }

    @Test
    void totalsAreInReaisWithAPlainSpaceAndCentsRoundedHalfEven() {
        assertThat(MessageComposer.formatReais(new BigDecimal("1234.5"))).isEqualTo("R$ 1.234,50");
        assertThat(MessageComposer.formatReais(new BigDecimal("0.125"))).isEqualTo("R$ 0,12");
        assertThat(MessageComposer.formatReais(new BigDecimal("0.135"))).isEqualTo("R$ 0,14");
        assertThat(MessageComposer.formatReais(null)).isEmpty();
    }

    @Test
    void theDefaultMappingKnowsCommonCodesInEnglishAndPortuguese() {
        DefaultStatusTemplateMapping mapping = new DefaultStatusTemplateMapping();

        assertThat(mapping.templateFor(STORE, "paid")).contains(TemplateKey.PAYMENT_APPROVED);
        assertThat(mapping.templateFor(STORE, "Pagamento aprovado")).contains(TemplateKey.PAYMENT_APPROVED);
        assertThat(mapping.templateFor(STORE, "CANCELED")).contains(TemplateKey.CANCELLED);
        assertThat(mapping.templateFor(STORE, "entregue")).contains(TemplateKey.DELIVERED);
        assertThat(mapping.templateFor(STORE, "IN_PROCESS")).isEmpty();
        assertThat(mapping.templateFor(STORE, null)).isEmpty();
    }
}
