package dev.torpedo.sms.storefront.webhook;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormParametersTest {

    @Test
    void theQueryStringsParametersAreTakenOutOfTheServletsMergedMap() {
        Map<String, String[]> merged = new LinkedHashMap<>();
        merged.put("torpedoMessageId", new String[]{"42"});
        merged.put("MessageSid", new String[]{"SM1"});
        merged.put("tag", new String[]{"a b", "posted"});

        Map<String, List<String>> body = FormParameters.bodyOnly(merged, "torpedoMessageId=42&tag=a+b");

        assertThat(body).containsExactly(Map.entry("MessageSid", List.of("SM1")), Map.entry("tag", List.of("posted")));
    }

    @Test
    void withoutAQueryStringEveryParameterIsTheBodys() {
        Map<String, String[]> merged = Map.of("From", new String[]{"+5511987654321"});

        assertThat(FormParameters.bodyOnly(merged, null)).containsExactly(Map.entry("From", List.of("+5511987654321")));
        assertThat(FormParameters.bodyOnly(merged, "")).containsOnlyKeys("From");
    }

    @Test
    void oddQueryStringsDoNoHarm() {
        Map<String, String[]> merged = Map.of("flag", new String[]{""}, "Body", new String[]{"SAIR"});

        assertThat(FormParameters.bodyOnly(merged, "flag&&bad=%zz")).containsOnlyKeys("Body");
    }
}
