/**
 * The message bundle shared by every feature package: pt-BR in the root bundle, English in
 * {@code messages_en}; see {@link dev.torpedo.sms.impl.i18n.Messages}.
 */
package dev.torpedo.sms.impl.i18n;
