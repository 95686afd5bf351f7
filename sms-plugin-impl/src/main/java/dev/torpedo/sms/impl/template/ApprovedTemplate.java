package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.TemplateKey;

/**
 * One carrier-approved text, verified against its digest when the catalog loaded.
 *
 * @param key               its key
 * @param category          order or alert
 * @param approvalReference the carriers' approval reference, kept with every message sent from it
 * @param sha256            the digest of its approved bytes, in hex
 * @param source            the approved text, in FreeMarker syntax
 */
public record ApprovedTemplate(TemplateKey key, TemplateCategory category, String approvalReference,
                               String sha256, String source) {
}
