package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.window.SendWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Claims due rows for one node, inside the caller's transaction: locks them ({@code FOR UPDATE SKIP LOCKED}, so
 * concurrent claimers take disjoint rows without waiting; on PostgreSQL leasing them in the same statement), then
 * sorts each one out. A row whose window is closed, or about to close, moves to its next opening; a row to a
 * suppressed number is cancelled (and refunded if it had paid); a row no send can be made of fails; the rest are
 * paid for, first come first served per store, and leased to the node (SENDING); what a store cannot pay waits
 * for credit.
 */
final class Claimer {

    /**
     * A row is claimed only when its window stays open at least this long: sends follow the claim within moments.
     * Kept short on purpose; the check just before each send is what guarantees that nothing leaves after 18:00.
     */
    static final Duration CLOSING_MARGIN = Duration.ofSeconds(1);

    static final String SUPPRESSED = "suppressed";
    static final String NO_CREDIT = "no-credit";
    static final String INVALID = "invalid-message";

    private final MessageRepository messages;
    private final CreditLedger ledger;
    private final SuppressionList suppressions;
    private final SendWindow window;
    private final String nodeId;
    private final Duration lease;
    private final ClaimStart start;

    Claimer(MessageRepository messages, CreditLedger ledger, SuppressionList suppressions, SendWindow window,
            String nodeId, Duration lease) {
        this.messages = messages;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.window = window;
        this.nodeId = nodeId;
        this.lease = lease;
        this.start = new ClaimStart(System::nanoTime, messages.locksInClaimOrder());
    }

    /** What one claim did: the rows leased, in claim order, and how many went elsewhere. */
    record Claim(int claimed, List<Lease> leased, int deferred, int waiting, int cancelled, List<DueRow> invalid) {

        static final Claim NOTHING = new Claim(0, List.of(), 0, 0, 0, List.of());
    }

    /**
     * Claims up to {@code limit} due rows; in a transaction of the caller's, which the leases take effect with.
     *
     * @param fromStart look from the start of the claim index, not from where the last claims found rows
     *                  ({@link ClaimStart}): a caller that must know that nothing is due asks for it
     */
    Claim claim(Instant now, int limit, boolean fromStart) {
        ClaimStart.Point from = start.next(fromStart);
        MessageRepository.Taken taken = messages.takeDue(from, now, limit, nodeId, now.plus(lease));
        List<DueRow> rows = taken.rows();
        start.found(from, rows);
        if (rows.isEmpty()) {
            return Claim.NOTHING;
        }

        Map<Long, OutboundSms> sendable = new LinkedHashMap<>();
        List<DueRow> invalid = new ArrayList<>();
        for (DueRow row : rows) {
            try {
                sendable.put(row.id(), new OutboundSms(String.valueOf(row.id()), row.store(),
                        MobileNumber.of(row.recipient()), row.body(), MessageEncoding.valueOf(row.encoding()),
                        row.segments()));
            } catch (RuntimeException e) {
                // A row no send could be made of (a purged number, a hand-edited row): fail it, visibly.
                invalid.add(row);
            }
        }
        Set<MobileNumber> suppressed = suppressions.suppressedAmong(
                sendable.values().stream().map(OutboundSms::to).toList());

        Map<Long, Instant> deferred = new LinkedHashMap<>();
        List<DueRow> cancelled = new ArrayList<>();
        // Per store, in a fixed order, so that transactions lock account rows in the same order and cannot deadlock.
        Map<String, List<Lease>> candidates = new TreeMap<>();
        for (DueRow row : rows) {
            OutboundSms sms = sendable.get(row.id());
            if (sms == null) {
                continue;
            }
            if (suppressed.contains(sms.to())) {
                cancelled.add(row);
                continue;
            }
            try {
                if (!window.isOpen(sms.to(), now)) {
                    deferred.put(row.id(), window.nextOpening(sms.to(), now));
                    continue;
                }
                Instant closing = window.closingOf(sms.to(), now);
                if (closing.isBefore(now.plus(CLOSING_MARGIN))) {
                    deferred.put(row.id(), window.nextOpening(sms.to(), closing));
                    continue;
                }
                candidates.computeIfAbsent(row.store().value(), s -> new ArrayList<>())
                        .add(new Lease(row, sms, closing, row.attempts() + 1, row.credits()));
            } catch (RuntimeException e) {
                // No window can be worked out for it: fail this row rather than every claim that meets it.
                invalid.add(row);
            }
        }

        List<Lease> leased = new ArrayList<>();
        List<Long> waiting = new ArrayList<>();
        payInStoreOrder(candidates, refundable(cancelled, invalid), leased, waiting);

        // Sends go out in claim order (due time, then id), whatever the store.
        leased.sort(Comparator.comparing((Lease l) -> l.row().notBefore()).thenComparing(Lease::id));
        if (taken.leased()) {
            Set<Long> sending = new HashSet<>(leased.stream().map(Lease::id).toList());
            messages.giveBack(rows.stream().filter(row -> !sending.contains(row.id())).toList(), now);
        } else {
            messages.lease(leased.stream().map(Lease::id).toList(), nodeId, now.plus(lease), now);
        }
        messages.defer(deferred, now);
        messages.park(MessageStatus.WAITING_CREDIT, NO_CREDIT, waiting, now);
        messages.park(MessageStatus.CANCELLED, SUPPRESSED, ids(cancelled), now);
        messages.park(MessageStatus.FAILED, INVALID, ids(invalid), now);
        return new Claim(rows.size(), leased, deferred.size(), waiting.size(), cancelled.size(), invalid);
    }

    /** The cancelled and invalid rows that had paid (sent back by a closing window), per store. */
    private static Map<String, List<DueRow>> refundable(List<DueRow> cancelled, List<DueRow> invalid) {
        Map<String, List<DueRow>> refunds = new TreeMap<>();
        for (List<DueRow> rows : List.of(cancelled, invalid)) {
            for (DueRow row : rows) {
                if (row.creditsDebited() > 0) {
                    refunds.computeIfAbsent(row.store().value(), s -> new ArrayList<>()).add(row);
                }
            }
        }
        return refunds;
    }

    /**
     * Refunds and debits, store by store in key order like every account change: rows sent back by a closing
     * window paid already; the others pay now, in claim order, and those the store cannot pay wait.
     */
    private void payInStoreOrder(Map<String, List<Lease>> candidates, Map<String, List<DueRow>> refunds,
                                 List<Lease> leased, List<Long> waiting) {
        Set<String> stores = new TreeSet<>(candidates.keySet());
        stores.addAll(refunds.keySet());
        for (String store : stores) {
            for (DueRow row : refunds.getOrDefault(store, List.of())) {
                ledger.refund(row.store(), row.id(), row.creditsDebited());
            }
            List<Lease> wanted = candidates.getOrDefault(store, List.of());
            Set<Long> paid = new HashSet<>(ledger.debit(StoreId.of(store), wanted.stream()
                    .filter(l -> l.row().creditsDebited() == 0)
                    .map(l -> new CreditLedger.Debit(l.id(), l.credits()))
                    .toList()));
            for (Lease candidate : wanted) {
                if (candidate.row().creditsDebited() > 0 || paid.contains(candidate.id())) {
                    leased.add(candidate);
                } else {
                    waiting.add(candidate.id());
                }
            }
        }
    }

    private static List<Long> ids(List<DueRow> rows) {
        return rows.stream().map(DueRow::id).toList();
    }
}
