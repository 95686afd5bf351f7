package dev.torpedo.sms.impl.testing;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page made from {@link TextGen#hostile} input must be: one of the answers it may give, no stack trace or
 * framework error page, and none of {@link TextGen#NEVER_ECHOED} (raw markup, an expression evaluated).
 */
public final class HarmlessAnswers {

    private HarmlessAnswers() {
    }

    public static void assertHarmless(int status, String body, List<Integer> answers) {
        assertThat(status).isIn(answers);
        assertThat(body).doesNotContain("Exception", "\tat ", "Whitelabel");
        for (String raw : TextGen.NEVER_ECHOED) {
            assertThat(body).doesNotContain(raw);
        }
    }
}
