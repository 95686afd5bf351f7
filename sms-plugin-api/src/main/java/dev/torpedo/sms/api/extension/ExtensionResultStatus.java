package dev.torpedo.sms.api.extension;

/**
 * What an extension handler did, and whether the handlers after it should run (Broadleaf's convention).
 */
public enum ExtensionResultStatus {
    /** The handler acted; the next handlers run only if the manager continues on handled. */
    HANDLED,
    /** The handler acted and the next handlers run. */
    HANDLED_CONTINUE,
    /** The handler acted and no handler after it runs. */
    HANDLED_STOP,
    /** The handler had nothing to do here. */
    NOT_HANDLED
}
