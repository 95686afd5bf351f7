/**
 * Zenvia (API v2) as the SMS provider: {@code torpedo.sms.gateway=zenvia}.
 */
package dev.torpedo.sms.impl.gateway.zenvia;
