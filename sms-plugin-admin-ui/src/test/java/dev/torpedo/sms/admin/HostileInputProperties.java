package dev.torpedo.sms.admin;

import static dev.torpedo.sms.admin.AdminRig.ANA;
import static org.quicktheories.QuickTheory.qt;

import dev.torpedo.sms.api.spi.StoreOrders;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.HarmlessAnswers;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.testing.TextGen;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever a merchant types and whatever the host's order carries, the admin answers with a page (the form again
 * with its errors, a redirect, a refusal), never a 500 or a stack trace, and never echoes markup unescaped or
 * evaluates a template expression. On H2: this is about the web layer.
 */
class HostileInputProperties extends DatabaseContract {

    static final List<Integer> ANSWERS = List.of(200, 302, 303, 400, 403, 404, 409, 422);

    AdminRig rig;

    HostileInputProperties() {
        super(TestDatabase.H2);
    }

    @BeforeEach
    void startHost() {
        rig = new AdminRig(db, Instant.parse("2026-12-01T17:00:00Z"));
        rig.profiles.put(ANA, new StoreProfile("Loja da Ana", true, true));
    }

    @AfterEach
    void stopHost() {
        rig.close();
    }

    private static void harmless(AdminRig.Page page) {
        HarmlessAnswers.assertHarmless(page.status(), page.body(), ANSWERS);
    }

    @Test
    void anySenderContactOrModeMakesAPageNeverA500AndNothingUnescaped() {
        qt().withExamples(120).forAll(TextGen.hostile(5), TextGen.hostile(5), TextGen.hostile(2))
                .checkAssert((sender, contact, mode) -> {
                    AdminRig.Browser ana = rig.as("ana");
                    harmless(ana.post(AdminPaths.SETTINGS, "envio", mode, "remetente", sender, "contato", contact));
                    harmless(ana.post(AdminPaths.SETTINGS, "envio", "3", "remetente", sender, "contato", contact));
                    harmless(ana.get(AdminPaths.SETTINGS));
                    harmless(ana.get(AdminPaths.PREVIEW, "envio", mode, "remetente", sender, "contato", contact));
                });
    }

    @Test
    void anySearchOrderIdOrOrderDataMakesAPageNeverA500() {
        qt().withExamples(120).forAll(TextGen.hostile(5), TextGen.hostile(5), TextGen.hostile(5))
                .checkAssert((search, orderId, name) -> {
                    rig.orders.put(ANA.value() + "/1", new StoreOrders.Order(orderId, name, "(11) 91234-5678", name, name));
                    AdminRig.Browser ana = rig.as("ana");
                    harmless(ana.get(AdminPaths.MESSAGES, "busca", search, "situacao", search));
                    harmless(ana.get(AdminPaths.ORDERS + "/1"));
                    harmless(ana.get(AdminPaths.ORDERS + "/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8)));
                    harmless(ana.post(AdminPaths.TEST, "para", search, "mensagem", orderId));
                    harmless(ana.get(AdminPaths.TEST, "mensagem", search));
                });
    }
}
