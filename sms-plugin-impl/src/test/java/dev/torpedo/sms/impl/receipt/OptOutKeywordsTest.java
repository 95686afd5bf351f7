package dev.torpedo.sms.impl.receipt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OptOutKeywordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SAIR|SAIR", "sair|SAIR", "' sair '|SAIR", "Sair.|SAIR", "'\"Sair\"'|SAIR", "'¡¡Sair!!'|SAIR",
            "PARE|PARE", "Pare!|PARE", "pare...|PARE",
            "PARAR|PARAR", "Parar?|PARAR",
            "STOP|STOP", "stop|STOP", "Stop 🙏|STOP",
            "CANCELAR|CANCELAR", "CANCELÁR|CANCELAR", "cancelár|CANCELAR", "Cancelar;|CANCELAR",
            "Ｓａｉｒ|SAIR"})
    void aKeywordAloneIsAnOptOutWhateverItsCaseAccentsAndSurroundings(String reply, String keyword) {
        assertThat(OptOutKeywords.match(reply)).contains(keyword);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "!!!", "Obrigada", "nao quero sair", "sair da lista", "SAIRR", "s a i r", "PARABENS",
            "STOPS", "sair1", "cancela", "pára-raios"})
    void anythingElseIsNot(String reply) {
        assertThat(OptOutKeywords.match(reply)).isEmpty();
    }

    @Test
    void controlCharactersAroundTheWordAreSurroundingsToo() {
        assertThat(OptOutKeywords.match("\tSAIR\r\n")).contains("SAIR");
    }

    @Test
    void noReplyIsNoKeyword() {
        assertThat(OptOutKeywords.match(null)).isEmpty();
    }
}
