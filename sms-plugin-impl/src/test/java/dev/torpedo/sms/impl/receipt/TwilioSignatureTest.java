package dev.torpedo.sms.impl.receipt;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the worked examples Twilio publishes with its own request validators (auth token {@code 12345}). */
class TwilioSignatureTest {

    static final TwilioSignature TWILIO = new TwilioSignature("12345");
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    /** Deliberately not in alphabetical order: the signature sorts them. */
    static final Map<String, List<String>> PARAMS = params(
            "To", "+18005551212", "From", "+14158675309", "CallSid", "CA1234567890ABCDE", "Digits", "1234",
            "Caller", "+14158675309");

    static Map<String, List<String>> params(String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.computeIfAbsent(nameValues[i], n -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return params;
    }

    @Test
    void signsTwilioDocumentedExample() {
        assertThat(TWILIO.sign(URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TWILIO.matches(URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void aNameSentSeveralTimesHasItsDistinctValuesSorted() {
        Map<String, List<String>> repeated = params("Sid", "CA123", "SidAccount", "AC123", "Digits", "5678",
                "Digits", "1234", "Digits", "1234");

        assertThat(TWILIO.matches(URL, repeated, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isTrue();
    }

    @Test
    void theUrlIsAcceptedWithAndWithoutItsPort() {
        // Twilio's examples: the signature of the URL without a port, checked against one with a port...
        assertThat(TWILIO.matches(URL.replace(".com", ".com:1234"), PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        // ...and the signatures of the URLs with their default ports, checked against URLs without one.
        assertThat(TWILIO.matches(URL, PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
        assertThat(TWILIO.matches(URL.replace("https", "http"), PARAMS, "0ZXoZLH/DfblKGATFgpif+LLRf4=")).isTrue();
    }

    @Test
    void anythingChangedBreaksTheSignature() {
        String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        Map<String, List<String>> tampered = new LinkedHashMap<>(PARAMS);
        tampered.put("Digits", List.of("9999"));
        Map<String, List<String>> added = new LinkedHashMap<>(PARAMS);
        added.put("Extra", List.of("1"));

        assertThat(TWILIO.matches(URL, tampered, signature)).isFalse();
        assertThat(TWILIO.matches(URL, added, signature)).isFalse();
        assertThat(TWILIO.matches(URL + "&baz=3", PARAMS, signature)).isFalse();
        assertThat(TWILIO.matches(URL.replace("myapp", "other"), PARAMS, signature)).isFalse();
        assertThat(new TwilioSignature("54321").matches(URL, PARAMS, signature)).isFalse();
    }

    @Test
    void aMissingOrMalformedSignatureNeverMatches() {
        assertThat(TWILIO.matches(URL, PARAMS, null)).isFalse();
        assertThat(TWILIO.matches(URL, PARAMS, "")).isFalse();
        assertThat(TWILIO.matches(URL, PARAMS, "FAIL")).isFalse();
        assertThat(TWILIO.matches(URL, PARAMS, "invalid 王")).isFalse();
        assertThat(TWILIO.matches(null, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void anAuthTokenIsRequired() {
        assertThatThrownBy(() -> new TwilioSignature("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TwilioSignature(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theToStringOfTheValidatorHoldsNoToken() {
        assertThat(new TwilioSignature("super-secret-token").toString()).doesNotContain("super-secret-token");
    }
}
