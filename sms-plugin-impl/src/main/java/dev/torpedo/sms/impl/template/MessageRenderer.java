package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.api.spi.SmsProfile;
import dev.torpedo.sms.impl.encoding.EncodedText;
import dev.torpedo.sms.impl.encoding.SegmentCounter;
import freemarker.template.SimpleHash;
import freemarker.template.TemplateException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the text of a message: the store's sender, the approved text with its values, and the store's contact.
 *
 * <p>Values are data: a product named {@code ${7*7}} prints as {@code ${7*7}}. They are cleaned to one line,
 * transliterated by default to the standard set of the provider's {@link dev.torpedo.sms.api.spi.SmsProfile},
 * and the message is counted as that provider counts; when it would take more than the allowed segments the
 * longest values that may be cut (names, labels) are shortened with "..."; the sender, the contact, order
 * numbers, totals, tracking codes and links are never cut. Rendering never throws for any value.
 *
 * <pre>{@code
 * MessageRenderer renderer = new MessageRenderer(TemplateCatalog.loadApproved(), RenderingOptions.defaults());
 * RenderResult result = renderer.render(TemplateKey.SHIPPED, Sender.of("Loja da Ana"), Contact.of("1133334444"),
 *         Map.of(TemplateVariables.ORDER_NUMBER, "981", TemplateVariables.TRACKING_CODE, "BR123456789BR"));
 * // "Loja da Ana: Seu pedido 981 foi enviado! Rastreio: BR123456789BR Contato: 1133334444"
 * }</pre>
 */
public final class MessageRenderer {

    static final String SENDER_SEPARATOR = ": ";
    static final String CONTACT_PREFIX = " Contato: ";

    private final TemplateCatalog catalog;
    private final RenderingOptions options;

    public MessageRenderer(TemplateCatalog catalog, RenderingOptions options) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.options = Objects.requireNonNull(options, "options");
    }

    public RenderingOptions options() {
        return options;
    }

    /**
     * @param variables the template's values by name (see {@link TemplateVariables}); missing ones are empty,
     *                  {@code null} values are empty
     */
    public RenderResult render(TemplateKey key, Sender sender, Contact contact, Map<String, String> variables) {
        EncodingPolicy policy = options.encodingPolicy();
        SmsProfile profile = options.profile();
        String prefix = policy.apply(TemplateValues.clean(sender.value()), profile) + SENDER_SEPARATOR;
        String suffix = CONTACT_PREFIX + policy.apply(TemplateValues.clean(contact.value()), profile);
        Map<String, String> values = new HashMap<>();
        TemplateVariables.ALL.forEach(name -> values.put(name, ""));
        variables.forEach((name, value) -> values.put(name, policy.apply(TemplateValues.clean(value), profile)));

        EncodedText full = encode(key, prefix, suffix, values);
        if (fits(full)) {
            return new RenderResult.Rendered(key, full, false);
        }
        return shortened(key, prefix, suffix, values);
    }

    /**
     * Finds the longest length L such that, with every value that may be cut held to L characters, the message
     * fits. Shorter values can only mean fewer segments, so a binary search over L finds it.
     */
    private RenderResult shortened(TemplateKey key, String prefix, String suffix, Map<String, String> values) {
        int longest = values.entrySet().stream()
                .filter(e -> !TemplateVariables.NEVER_SHORTENED.contains(e.getKey()))
                .mapToInt(e -> e.getValue().length())
                .max().orElse(0);
        int low = TemplateValues.ELLIPSIS.length();
        EncodedText shortest = encode(key, prefix, suffix, capped(values, low));
        // Values no longer than the ellipsis are not cut, so then the shortest is the full message, which did not fit.
        if (!fits(shortest)) {
            return new RenderResult.TooLong(key, shortest.segments(), options.maxSegments());
        }
        EncodedText best = shortest;
        int high = longest - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            EncodedText candidate = encode(key, prefix, suffix, capped(values, middle));
            if (fits(candidate)) {
                best = candidate;
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return new RenderResult.Rendered(key, best, true);
    }

    private static Map<String, String> capped(Map<String, String> values, int length) {
        Map<String, String> capped = new HashMap<>(values);
        capped.replaceAll((name, value) ->
                TemplateVariables.NEVER_SHORTENED.contains(name) ? value : TemplateValues.shorten(value, length));
        return capped;
    }

    /** Within the segments allowed, and within what the provider takes at all. */
    private boolean fits(EncodedText text) {
        return text.segments() <= options.maxSegments() && text.text().length() <= options.profile().maxCharacters();
    }

    private EncodedText encode(TemplateKey key, String prefix, String suffix, Map<String, String> values) {
        return SegmentCounter.encode(prefix + body(key, values) + suffix, options.profile());
    }

    private String body(TemplateKey key, Map<String, String> values) {
        var template = catalog.compiled(key);
        SimpleHash model = new SimpleHash(template.getObjectWrapper());
        values.forEach(model::put);
        StringWriter out = new StringWriter(160);
        try {
            template.process(model, out);
        } catch (TemplateException | IOException e) {
            // Approved texts were rendered once at load with every variable empty, and values are plain strings.
            throw new IllegalStateException("Approved template '" + key + "' failed to render", e);
        }
        return out.toString().strip();
    }
}
