/**
 * The message queue and its dispatcher: rows go in inside the host's transaction ({@code MessageRepository}) and
 * come out through any number of {@code Dispatcher}s, on any number of nodes, sharing one database.
 *
 * <p>Choices:
 * <ul>
 *   <li><b>Claim.</b> One short transaction per batch of at most as many rows as the node has free senders (so a
 *       node that dies holds leases only on its sends in flight): {@code FOR UPDATE SKIP LOCKED}, suppression
 *       check, window check, debit and lease, in READ COMMITTED on every database (MariaDB's default REPEATABLE READ takes gap
 *       locks that make concurrent claimers deadlock) and always a transaction of its own, so nothing is ever
 *       sent inside a caller's. A transaction that loses a deadlock is run again, up to three times.</li>
 *   <li><b>Window.</b> A row is claimed only if its window stays open for at least one more second; a closed
 *       window moves {@code not_before} to the next opening, uncharged. Each send reads the clock again: a row
 *       whose window closed while it waited for its turn goes back to QUEUED for the next opening, with
 *       {@code reason = 'window-closed'}, keeping {@code credits_debited} (not charged twice) and without
 *       counting an attempt.</li>
 *   <li><b>States and reasons.</b> Suppressed number: CANCELLED, {@code suppressed}, refunded if it had paid.
 *       Not enough credit: WAITING_CREDIT, {@code no-credit}, until a purchase is credited. A row no SMS can be
 *       made of (number purged, unknown encoding): FAILED, {@code invalid-message}. Provider's permanent refusal:
 *       FAILED, {@code permanent: <reason> [<code>]}, refunded, the number suppressed when the provider says the
 *       shopper opted out. Ambiguous answer or a gateway that throws: UNCERTAIN, not refunded, never resent.
 *       A lease that expires (a node stopped mid-send): UNCERTAIN, {@code lease-expired}.</li>
 *   <li><b>Retries.</b> Backoff {@code min(retryMax, retryBase * 2^(attempt-1))} with equal jitter (a uniform wait
 *       between half and all of it), or the provider's Retry-After when longer. A message whose next attempt
 *       would fall after {@code created_at + maxAge} fails now, {@code expired: <reason>}, refunded.</li>
 *   <li><b>Paused provider.</b> A gateway that implements {@code GatewayAvailability} (the built-in providers,
 *       through {@code GuardedGateway}) is asked before each claim: while its circuit breaker is open the
 *       dispatcher claims nothing (no attempt is counted, no lease taken); once the cool-down is over it claims
 *       one row, the trial send, and waits for its outcome before it claims again.</li>
 *   <li><b>Outcomes</b> are recorded as their sends return, by one recording thread per node for every claim in
 *       flight ({@code Recording}): whatever returned while the previous group was written, and what returns
 *       within two milliseconds more, goes in one transaction, so claims go on while outcomes are written and no
 *       send waits for the rest of its claim. A claim that needs the places of returned sends the thread has not
 *       taken yet writes their SENT in its own transaction, before it leases rows in their places. Each is
 *       recorded only while the row is still SENDING under this node's lease: a node that comes back after its
 *       lease expired changes nothing. A delivery receipt that still comes first is kept by the receipts
 *       ({@code sms_parked_receipt}) and applied right after the outcome lands.</li>
 *   <li><b>Logs.</b> One INFO line a minute per node (sent, failed, waiting, uncertain, retried); each batch's
 *       line is DEBUG.</li>
 *   <li><b>Parts.</b> {@code Dispatcher} runs the cycle and its lifecycle; {@code Claimer} claims,
 *       {@code LeaseRecovery} recovers expired leases, {@code Senders} sends (and bounds each claim by its free
 *       senders), {@code OutcomePolicy} decides each outcome without a database, {@code Recording} groups the
 *       returned sends and {@code OutcomeRecorder} writes them, again while the database is away, within the
 *       lease; {@code MessageRepository} holds the SQL.</li>
 *   <li><b>Order.</b> Due time, then id; credits are taken first come first served per store; sends start in
 *       claim order, {@code concurrency} at a time.</li>
 *   <li><b>Stop.</b> {@code DispatcherLoop.stop()} stops claiming and lets the batches in hand send and record;
 *       {@code Dispatcher.close(timeout)} then stops the senders, naming any row still in flight.</li>
 * </ul>
 */
package dev.torpedo.sms.impl.queue;
