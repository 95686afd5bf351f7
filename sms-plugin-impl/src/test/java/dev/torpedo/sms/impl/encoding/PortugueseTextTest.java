package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.MessageEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PortugueseTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Café à vista",
            "Olé! Seu pedido chegou",
            "CONFIRMAÇ",
            "Ç",
            "Müller, até logo"
    })
    void textWithOnlyGsm7AccentsStaysGsm7(String text) {
        assertThat(SegmentCounter.encode(text).encoding()).isEqualTo(MessageEncoding.GSM_7);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Olá, seu pedido chegou",
            "Ação",
            "Promoção",
            "Pão de Açúcar",
            "Seu pedido nº 123 está a caminho",
            "Rua São João, 45",
            "Você ganhou um cupom",
            "Avô",
            "Índio",
            "Ótimo"
    })
    void lowercaseBrazilianAccentsForceUcs2(String text) {
        assertThat(SegmentCounter.encode(text).encoding()).isEqualTo(MessageEncoding.UCS_2);
    }

    @ParameterizedTest(name = "\"{0}\" becomes \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "Ação|Acao",
            "Pão de Açúcar|Pao de Acucar",
            "ÇÃO|ÇAO",
            "Olá, seu pedido chegou|Ola, seu pedido chegou",
            "Promoção relâmpago: você economiza|Promocao relampago: voce economiza",
            "Rua São João, 45 - Jardim Paulistânia|Rua Sao Joao, 45 - Jardim Paulistania",
            "AÇÃO ÓTIMA ÚNICA ÍNDIO ÂMBAR ÊXITO ÔNIBUS ÕES|AÇAO OTIMA UNICA INDIO AMBAR EXITO ONIBUS OES",
            "Você está à vista, até já|Voce esta à vista, até ja"
    })
    void transliterationKeepsGsm7AccentsAndDropsTheRest(String text, String expected) {
        String gsm7 = Gsm7Transliterator.toGsm7(text);

        assertThat(gsm7).isEqualTo(expected);
        assertThat(SegmentCounter.encode(gsm7).encoding()).isEqualTo(MessageEncoding.GSM_7);
    }

    @Test
    void textThatIsAlreadyGsm7IsLeftUntouched() {
        String text = "Café à vista";

        assertThat(Gsm7Transliterator.toGsm7(text)).isSameAs(text);
    }

    @Test
    void transliterationMakesALongBrazilianMessageCheaper() {
        String text = "Olá Maria! Sua promoção de aniversário chegou: ganhe 10% de desconto em "
                + "toda a loja até sábado. Use o código ANIVERSARIO na finalização da compra.";

        EncodedText unicode = SegmentCounter.encode(text);
        EncodedText gsm7 = SegmentCounter.encode(Gsm7Transliterator.toGsm7(text));

        assertThat(unicode.encoding()).isEqualTo(MessageEncoding.UCS_2);
        assertThat(unicode.segments()).isEqualTo(3);
        assertThat(gsm7.encoding()).isEqualTo(MessageEncoding.GSM_7);
        assertThat(gsm7.segments()).isEqualTo(1);
    }
}
