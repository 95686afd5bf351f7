/**
 * Delivery receipts and shoppers' replies, as the providers call back with them. Framework-neutral: the
 * storefront's thin controllers hand raw requests to {@link dev.torpedo.sms.impl.receipt.ZenviaWebhooks} and
 * {@link dev.torpedo.sms.impl.receipt.TwilioWebhooks}, which authenticate and parse them into a
 * {@link dev.torpedo.sms.impl.receipt.Receipt} for {@link dev.torpedo.sms.impl.receipt.DeliveryReceipts} or an
 * {@link dev.torpedo.sms.impl.receipt.InboundReply} for {@link dev.torpedo.sms.impl.receipt.OptOut}.
 *
 * <p>Choices:
 * <ul>
 *   <li><b>Authentication.</b> Twilio: {@code X-Twilio-Signature}, checked against the public URL. Zenvia signs
 *       nothing: its subscriptions are created with the custom header {@code X-Torpedo-Webhook-Secret}. Secrets
 *       are compared in constant time and never logged. A refused request changes nothing: 403 (Twilio, or no
 *       secret configured) or 401 (Zenvia's header missing or wrong).</li>
 *   <li><b>Idempotence without a ledger of events.</b> Every change is a conditional UPDATE that only moves a
 *       message up its rank (UNCERTAIN &lt; SENT &lt; FAILED by a receipt &lt; DELIVERED), suppression is an insert
 *       unless present, cancellations apply only to waiting messages and refunds are once per message; so a
 *       replayed event finds nothing left to change, and no table of seen event ids is needed.</li>
 *   <li><b>Credits.</b> A message the provider accepted and then could not deliver keeps its credits: the provider
 *       billed it (Zenvia NOT_DELIVERED and REJECTED, Twilio undelivered). Twilio's {@code failed} is refunded:
 *       Twilio never passed the message on and does not charge its price. An UNCERTAIN message is resolved by its
 *       receipt and, like every UNCERTAIN message, was never refunded.</li>
 *   <li><b>Unknown and early receipts.</b> A receipt for an id no message has is answered 200 (the provider would
 *       only retry) and logged. So is one that arrives before the dispatcher recorded the send (the row is still
 *       SENDING, its provider id not yet stored): it is dropped, and the message stays SENT.</li>
 *   <li><b>Opt-out.</b> Only a reply that is exactly a keyword, give or take case, accents and surrounding
 *       punctuation: "SAIR", "PARE", "PARAR", "STOP", "CANCELAR". It works for every store at once, like the
 *       suppression list. No confirmation SMS is sent.</li>
 *   <li><b>Logs.</b> Numbers masked ({@code +55 11 9****-5678}, or {@code ****5678} for what is not a mobile),
 *       never a reply's text, a secret or a signature.</li>
 * </ul>
 */
package dev.torpedo.sms.impl.receipt;
