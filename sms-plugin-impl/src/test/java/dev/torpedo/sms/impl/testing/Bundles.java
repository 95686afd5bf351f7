package dev.torpedo.sms.impl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/** The keys of a message bundle on the class path, read as UTF-8: for the tests that English has every text. */
public final class Bundles {

    private Bundles() {
    }

    /** The keys of {@code resource}, such as {@code /dev/torpedo/sms/admin/messages_en.properties}. */
    public static Set<String> keys(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Bundles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No bundle " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.stringPropertyNames();
    }
}
