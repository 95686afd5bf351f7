/**
 * Prepaid credits (1 credit = 1 segment) and their purchases ("Comprar crédito").
 *
 * <p>Choices:
 * <ul>
 *   <li>Every change of a balance writes a ledger row in the same transaction, so a store's statement always
 *       adds up to its balance. A dispatcher's claim pays for a store's messages with one DEBIT row (how many
 *       messages, how many credits); each message row records what it paid ({@code credits_debited}), which is
 *       also what keeps it from being charged twice. The ledger's unique keys make a message's refund, and a
 *       purchase's credit, happen at most once.</li>
 *   <li>Debits are first come first served: a batch stops at the first message that does not fit, even if a
 *       later, cheaper one would. When a store cannot pay for everything, its account row stays locked until the
 *       dispatcher commits, so a purchase credited meanwhile sees (and releases) every message parked as waiting
 *       for credit. A store without an account gets an empty one (no free credits) at that point.</li>
 *   <li>The 10 free credits go to a store once, also when a purchase created its account first.</li>
 *   <li>A purchase is confirmed by the platform operator with its payment date (today or earlier, in Brasília),
 *       only while it waits for payment: a second confirmation is refused with an {@code IllegalStateException}.
 *       It is credited on the first business day strictly after the payment date, by the credit job, from 00:00
 *       Brasília time that day. An unpaid purchase can be cancelled.</li>
 * </ul>
 */
package dev.torpedo.sms.impl.credit;
