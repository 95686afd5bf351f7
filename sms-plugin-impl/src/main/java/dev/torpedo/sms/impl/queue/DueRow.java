package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;

import java.time.Instant;

/** A due QUEUED row as a claim locks it: what sending it needs, and what it paid already. */
record DueRow(long id, StoreId store, MessageKind kind, String recipient, String body, String encoding, int segments,
              int attempts, int creditsDebited, Instant notBefore, Instant createdAt) {

    /** What sending it costs: what it paid already (a row sent back by a closing window), else its segments. */
    int credits() {
        return creditsDebited > 0 ? creditsDebited : segments;
    }
}
