/**
 * Twilio's Messages API as the SMS provider: {@code torpedo.sms.gateway=twilio}.
 */
package dev.torpedo.sms.impl.gateway.twilio;
