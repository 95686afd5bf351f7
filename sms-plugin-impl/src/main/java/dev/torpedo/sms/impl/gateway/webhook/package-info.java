/**
 * A signed JSON webhook as the SMS provider, for any provider the plugin does not ship:
 * {@code torpedo.sms.gateway=webhook}. The contract is on {@link dev.torpedo.sms.impl.gateway.webhook.WebhookSmsGateway}.
 */
package dev.torpedo.sms.impl.gateway.webhook;
