package dev.torpedo.sms.impl.optout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.encoding.SegmentCounter;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static final MobileNumber ANA = MobileNumber.of("+5511912345678");
    private static final MobileNumber BIA = MobileNumber.of("+5521987654321");
    private final UnsubscribeLinks links = new UnsubscribeLinks("loja.com.br/sair/", SECRET);

    @Test
    void aLinkIsShortAndNamesItsSubscription() {
        String url = links.urlFor(123_456, ANA, "caneca-azul");
        String token = url.substring("loja.com.br/sair/".length());

        assertThat(url).startsWith("loja.com.br/sair/2n9c-").hasSize("loja.com.br/sair/".length() + 17);
        assertThat(UnsubscribeLinks.subscriptionOf(token)).contains(123_456L);
        assertThat(links.isValid(token, ANA, "caneca-azul")).isTrue();
    }

    @Test
    void aTokenWorksForItsOwnNumberAndProductOnly() {
        String token = links.tokenFor(7, ANA, "caneca-azul");

        assertThat(links.isValid(token, BIA, "caneca-azul")).isFalse();
        assertThat(links.isValid(token, ANA, "camiseta")).isFalse();
        assertThat(links.isValid(token.replaceFirst("^7-", "8-"), ANA, "caneca-azul")).isFalse();
        assertThat(new UnsubscribeLinks("loja.com.br/sair", SECRET.replace('a', 'b')).isValid(token, ANA, "caneca-azul"))
                .as("another secret").isFalse();
    }

    @Test
    void malformedTokensNameNothing() {
        for (String token : new String[]{null, "", "7", "7-", "7-short", "-AAAAAAAAAAAA", "7-AAAAAAAAAAAA/x", "Z-AAAAAAAAAAAA"}) {
            assertThat(UnsubscribeLinks.subscriptionOf(token)).as(token).isEmpty();
            assertThat(links.isValid(token, ANA, "caneca-azul")).as(token).isFalse();
        }
    }

    @Test
    void aShortSecretIsRefusedAndTheSecretIsNeverShown() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UnsubscribeLinks("loja.com.br/sair", "short"));
        assertThat(links.toString()).doesNotContain(SECRET).contains("loja.com.br/sair");
    }

    @Test
    void aSecretOfThirtyTwoCharactersIsEnoughAndThirtyOneIsNot() {
        String thirtyTwo = "0123456789abcdef0123456789abcdef";
        UnsubscribeLinks withShortestSecret = new UnsubscribeLinks("loja.com.br/sair", thirtyTwo);

        assertThat(withShortestSecret.isValid(withShortestSecret.tokenFor(7, ANA, "caneca-azul"), ANA, "caneca-azul"))
                .isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UnsubscribeLinks("loja.com.br/sair", thirtyTwo.substring(1)));
    }

    @Test
    void aTypicalAlertWithItsLinkStaysOneSegment() {
        String alert = "Loja da Ana: Camiseta Azul voltou ao estoque! Compre: loja.com.br/p/123 Sair: "
                + links.urlFor(9_999_999, ANA, "p-123") + " Contato: 1133334444";

        assertThat(alert.length()).isLessThanOrEqualTo(160);
        assertThat(SegmentCounter.encode(alert).segments()).isEqualTo(1);
    }
}
