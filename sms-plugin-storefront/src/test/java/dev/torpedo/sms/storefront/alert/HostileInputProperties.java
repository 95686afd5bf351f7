package dev.torpedo.sms.storefront.alert;

import static org.quicktheories.QuickTheory.qt;

import dev.torpedo.sms.impl.testing.HarmlessAnswers;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.testing.TextGen;
import dev.torpedo.sms.impl.web.CsrfTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever a shopper types and whatever the host names a product, the storefront answers with a page, never a 500
 * or a stack trace, and never echoes markup unescaped or evaluates a template expression. On H2: this is about
 * the web layer; the database contracts run on all three elsewhere.
 */
class HostileInputProperties extends StorefrontContract {

    /** What a page may answer a bad form with: the form again with its errors, a redirect, or a refusal. */
    static final List<Integer> ANSWERS = List.of(200, 302, 303, 400, 403, 404, 409, 422, 429);

    HostileInputProperties() {
        super(TestDatabase.H2);
    }

    private static void harmless(StorefrontRig.Page page) {
        HarmlessAnswers.assertHarmless(page.status(), page.body(), ANSWERS);
    }

    @Test
    void anyProductNameIdOrPhoneMakesAPageNeverA500AndNothingUnescaped() {
        qt().withExamples(150).forAll(TextGen.hostile(6), TextGen.hostile(6), TextGen.hostile(6))
                .checkAssert((productId, name, phone) -> {
                    rig.names.put("caneca", name);
                    StorefrontRig.Browser shopper = rig.browser();
                    harmless(shopper.product("caneca"));
                    harmless(shopper.signUp(productId, phone, true));
                    harmless(shopper.signUp("caneca", phone, true));
                    harmless(shopper.signUpByScript(productId, phone, true));
                });
    }

    @Test
    void anyJsonBodyMakesAnAnswerNeverA500() {
        qt().withExamples(150).forAll(TextGen.hostile(8)).checkAssert(body -> {
            harmless(rig.browser().signUpAsJson(body));
            harmless(rig.browser().signUpAsJson("{\"produto\": \"" + body.replace("\"", "") + "\", \"celular\": \""
                    + body.replace("\"", "") + "\", \"consentimento\": true}"));
        });
    }

    @Test
    void anyRemovalFormInputMakesAPageNeverA500() {
        qt().withExamples(100).forAll(TextGen.hostile(6)).checkAssert(phone -> {
            StorefrontRig.Browser shopper = rig.browser();
            harmless(shopper.get(DataRemovalController.PATH));
            harmless(shopper.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .post(DataRemovalController.PATH).contentType("application/x-www-form-urlencoded")
                    .param(CsrfTokens.PARAMETER, shopper.csrfToken()).param("celular", phone)));
        });
    }
}
