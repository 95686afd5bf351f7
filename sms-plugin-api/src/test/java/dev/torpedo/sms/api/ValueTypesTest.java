package dev.torpedo.sms.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ValueTypesTest {

    @Test
    void aMobileNumberKnowsItsAreaCodeAndHidesItselfInLogs() {
        MobileNumber number = MobileNumber.of("+5511912345678");

        assertThat(number.areaCode()).isEqualTo(11);
        assertThat(number.nationalNumber()).isEqualTo("11912345678");
        assertThat(number.masked()).isEqualTo("+55 11 9****-5678");
        assertThat(number).hasToString("+55 11 9****-5678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11912345678", "+551133334444", "+55119123456789", "+5520912345678", "+5501912345678",
            "+14155552671", "+55 11 91234-5678", ""})
    void aMobileNumberAcceptsOnlyTheCanonicalFormOfABrazilianMobile(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> MobileNumber.of(value));
    }

    @Test
    void brazilHasSixtySevenAreaCodes() {
        assertThat(MobileNumber.areaCodes()).hasSize(67).contains(11, 68, 97, 99).doesNotContain(20, 23, 25, 29, 30, 36);
        assertThat(MobileNumber.isAreaCode(52)).isFalse();
    }

    @Test
    void aStoreIdIsTheHostsOwnIdentifier() {
        assertThat(StoreId.of(42L).value()).isEqualTo("42");
        assertThat(StoreId.of("loja-ana_01").value()).isEqualTo("loja-ana_01");
        assertThatIllegalArgumentException().isThrownBy(() -> StoreId.of(""));
        assertThatIllegalArgumentException().isThrownBy(() -> StoreId.of("a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> StoreId.of("x".repeat(65)));
        assertThatNullPointerException().isThrownBy(() -> StoreId.of(null));
    }

    @Test
    void aSenderIsOneShortLineTrimmed() {
        assertThat(Sender.of("  Loja da Ana ").value()).isEqualTo("Loja da Ana");
        assertThatIllegalArgumentException().isThrownBy(() -> Sender.of("A"));
        assertThatIllegalArgumentException().isThrownBy(() -> Sender.of("Loja\nda Ana"));
        assertThatIllegalArgumentException().isThrownBy(() -> Sender.of("x".repeat(Sender.MAX_LENGTH + 1)))
                .withMessageContaining("2 to 20");
    }

    @Test
    void aContactIsAnEmailOrAPhoneWithAreaCodeKeptAsDigits() {
        assertThat(Contact.of("(11) 3333-4444").value()).isEqualTo("1133334444");
        assertThat(Contact.of("11 91234.5678").value()).isEqualTo("11912345678");
        assertThat(Contact.of("sac@loja.com.br").isEmail()).isTrue();
        assertThat(Contact.of("1133334444").isEmail()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"33334444", "loja", "sac@loja", "@loja.com.br", "0800 123 4567", "11333344445555",
            "sac@loja.com.br; drop table"})
    void aContactThatIsNeitherEmailNorPhoneWithAreaCodeIsRefused(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> Contact.of(value)).withMessageContaining("1133334444");
    }

    @Test
    void aTemplateKeyIsLowercaseWordsJoinedByDashes() {
        assertThat(TemplateKey.of("order-shipped")).isEqualTo(TemplateKey.SHIPPED);
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateKey.of("Order Shipped"));
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateKey.of("../etc/passwd"));
    }

    @Test
    void eventsKeepWhatTheyAreGivenAndNeverThrowInTheHostsCode() {
        OrderCreated order = new OrderCreated(StoreId.of("1"), " 981 ", null, null, "not a phone", null, null);
        assertThat(order.orderId()).isEqualTo("981");
        assertThat(order.orderNumber()).isEqualTo("981");
        assertThat(order.customerName()).isEmpty();
        assertThat(order.customerMobile()).isEqualTo("not a phone");

        String tooLong = "9".repeat(HostIds.MAX_LENGTH + 1);
        assertThat(new OrderCreated(StoreId.of("1"), null, "1", "Ana", null, null, null).orderId()).isEmpty();
        assertThat(new OrderCreated(StoreId.of("1"), tooLong, null, null, null, null, null).orderId()).isEqualTo(tooLong);
        assertThat(new OrderStatusChanged(StoreId.of("1"), "981", null, null, null, null, "PAID\nSHIPPED", null, null)
                .newStatusCode()).isEqualTo("PAID\nSHIPPED");
        assertThat(new ProductRestocked(StoreId.of("1"), "p1", null, null, null, -3, 5).quantityRestocked()).isEqualTo(5);
    }

    @Test
    void anIdentifierHasOneTo64CharactersOnOneLine() {
        assertThat(HostIds.isValid(" 981 ")).isTrue();
        assertThat(HostIds.isValid("9".repeat(64))).isTrue();
        assertThat(HostIds.isValid("9".repeat(65))).isFalse();
        assertThat(HostIds.isValid("PAID\nSHIPPED")).isFalse();
        assertThat(HostIds.isValid("  ")).isFalse();
        assertThat(HostIds.isValid(null)).isFalse();
    }

    @Test
    void aStatusChangeFallsBackToTheCodeForItsLabelAndOmitsABlankTrackingCode() {
        OrderStatusChanged change = new OrderStatusChanged(StoreId.of("1"), "981", "981", "Ana", "11912345678",
                "PAID", "SHIPPED", null, "  ");

        assertThat(change.newStatusLabel()).isEqualTo("SHIPPED");
        assertThat(change.tracking()).isEmpty();
    }

    @Test
    void aRestockIsBackInStockOnlyWhenItComesFromZeroOrFromOversold() {
        ProductRestocked fromZero = new ProductRestocked(StoreId.of("1"), "p1", null, "Caneca", null, 0, 25);
        ProductRestocked topUp = new ProductRestocked(StoreId.of("1"), "p1", null, "Caneca", null, 3, 25);

        assertThat(fromZero.isBackInStock()).isTrue();
        assertThat(fromZero.quantityRestocked()).isEqualTo(25);
        assertThat(topUp.isBackInStock()).isFalse();
        assertThat(new ProductRestocked(StoreId.of("1"), "p1", null, "Caneca", null, -1, 2).isBackInStock()).isTrue();
        assertThat(new ProductRestocked(StoreId.of("1"), "p1", null, "Caneca", null, -4, -1).isBackInStock()).isFalse();
    }
}
