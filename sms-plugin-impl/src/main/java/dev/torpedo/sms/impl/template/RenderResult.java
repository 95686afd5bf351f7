package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.encoding.EncodedText;

/** A rendered message, or why no message fits. */
public sealed interface RenderResult {

    /**
     * @param template  the approved template used
     * @param text      the whole text with its encoding and segments
     * @param shortened whether values were cut with "..." to fit the segment limit
     */
    record Rendered(TemplateKey template, EncodedText text, boolean shortened) implements RenderResult {
    }

    /** Even with every value that may be shortened cut down, the message takes more than the allowed segments. */
    record TooLong(TemplateKey template, int segmentsNeeded, int maxSegments) implements RenderResult {
    }
}
