package dev.torpedo.sms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.impl.testing.Bundles;
import org.junit.jupiter.api.Test;

class BundlesTest {

    @Test
    void theEnglishBundleHasEveryTextOfThePortugueseOneAndNoOther() {
        assertThat(Bundles.keys("/dev/torpedo/sms/admin/messages_en.properties"))
                .isEqualTo(Bundles.keys("/dev/torpedo/sms/admin/messages.properties"));
    }
}
