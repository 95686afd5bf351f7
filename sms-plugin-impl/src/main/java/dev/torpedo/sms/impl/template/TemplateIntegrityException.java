package dev.torpedo.sms.impl.template;

/**
 * The approved-template catalog cannot be trusted: a text changed without a new approval, a file is missing, or
 * the manifest is incomplete. The plugin refuses to start rather than send an unapproved text.
 */
public final class TemplateIntegrityException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    TemplateIntegrityException(String message) {
        super(message);
    }

    TemplateIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
