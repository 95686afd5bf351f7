package dev.torpedo.sms.impl.web;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTokensTest {

    /** What Spring Security's CsrfFilter puts on the request, as far as the plugin reads it. */
    public static final class HostToken {
        public String getParameterName() {
            return "_csrf";
        }

        public String getToken() {
            return "host-token";
        }
    }

    private final Map<String, Object> session = new HashMap<>();

    private CsrfTokens.Field ownField() {
        return CsrfTokens.field(null, session::get, session::put);
    }

    @Test
    void aSessionGetsOneRandomTokenOfItsOwnAndKeepsIt() {
        CsrfTokens.Field first = ownField();

        assertThat(first.parameterName()).isEqualTo(CsrfTokens.PARAMETER);
        assertThat(first.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(ownField()).isEqualTo(first);
        assertThat(session).containsEntry(CsrfTokens.SESSION_KEY, first.token());
        Map<String, Object> another = new HashMap<>();
        assertThat(CsrfTokens.field(null, another::get, another::put).token()).isNotEqualTo(first.token());
    }

    @Test
    void aPostPassesOnlyWithTheSessionsOwnToken() {
        String token = ownField().token();

        assertThat(CsrfTokens.accepts(null, token, token)).isTrue();
        assertThat(CsrfTokens.accepts(null, token, token + "x")).isFalse();
        assertThat(CsrfTokens.accepts(null, token, "")).isFalse();
        assertThat(CsrfTokens.accepts(null, token, null)).isFalse();
        assertThat(CsrfTokens.accepts(null, null, token)).isFalse();
        assertThat(CsrfTokens.accepts(null, null, null)).isFalse();
    }

    @Test
    void whenTheHostsFilterCheckedTheRequestItsTokenIsTheFormsAndTheSessionIsNotAsked() {
        CsrfTokens.Field field = CsrfTokens.field(new HostToken(), key -> {
            throw new AssertionError("asked the session for " + key);
        }, (key, value) -> {
            throw new AssertionError("wrote " + key + " to the session");
        });

        assertThat(field).isEqualTo(new CsrfTokens.Field("_csrf", "host-token"));
        assertThat(CsrfTokens.accepts(new HostToken(), null, null)).isTrue();
    }
}
