package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.spi.OutboundSms;

import java.time.Instant;

/** A row leased to this node, paid for, ready to send until {@code closing}, the end of its window. */
record Lease(DueRow row, OutboundSms sms, Instant closing, int attempt, int credits) {

    long id() {
        return row.id();
    }
}
