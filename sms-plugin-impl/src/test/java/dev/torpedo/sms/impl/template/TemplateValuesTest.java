package dev.torpedo.sms.impl.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateValuesTest {

    private static final String GIFT = "\uD83C\uDF81";   // 🎁, one surrogate pair

    @Test
    void aValueThatFitsIsKeptWhole() {
        assertThat(TemplateValues.shorten("Caneca", 6)).isEqualTo("Caneca");
        assertThat(TemplateValues.shorten("Caneca", 7)).isEqualTo("Caneca");
    }

    @Test
    void aLongerValueIsCutToTheLengthItsDotsIncluded() {
        assertThat(TemplateValues.shorten("Caneca Azul", 6)).isEqualTo("Can...");
        assertThat(TemplateValues.shorten("Caneca Azul", 10)).isEqualTo("Caneca ...").hasSize(10);
        assertThat(TemplateValues.shorten("Caneca", 3)).isEqualTo("...");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        // "ab🎁cde" cut to 6: three characters and "..." would end in the first half of the pair.
        assertThat(TemplateValues.shorten("ab" + GIFT + "cde", 6)).isEqualTo("ab...");
        assertThat(TemplateValues.shorten("ab" + GIFT + "cdef", 7)).isEqualTo("ab" + GIFT + "...");
    }

    @Test
    void typedAccentsAreComposedIntoOneCharacter() {
        assertThat(TemplateValues.clean("Jose\u0301")).isEqualTo("José").hasSize(4);
        assertThat(TemplateValues.clean(" Ana \n Souza ")).isEqualTo("Ana Souza");
    }
}
