package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.impl.gateway.SendLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Settles UNCERTAIN messages where the provider can tell ({@link SendLookup}): one the provider holds becomes
 * SENT, with its id there; one it never got goes back to the queue, keeping what it paid, and is sent once; one
 * it cannot tell about stays UNCERTAIN for the merchant, who may resend it. It asks only once a message has been
 * UNCERTAIN for {@link #SETTLE} (the provider's records catch up) and for up to {@link #LOOK_BACK}.
 *
 * <pre>{@code
 * new UncertainReconciler(messages, twilio, "twilio", clock).run();   // every few minutes, on any node
 * }</pre>
 */
public final class UncertainReconciler {

    static final Duration SETTLE = Duration.ofMinutes(10);
    static final Duration LOOK_BACK = Duration.ofDays(2);
    /** A send happens after its message was due; its record at the provider a little after that, at worst before. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    private static final int PER_RUN = 100;
    private static final Logger log = LoggerFactory.getLogger(UncertainReconciler.class);

    private final MessageRepository messages;
    private final SendLookup lookup;
    private final String gatewayName;
    private final Clock clock;

    public UncertainReconciler(MessageRepository messages, SendLookup lookup, String gatewayName, Clock clock) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.gatewayName = Objects.requireNonNull(gatewayName, "gatewayName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one run settled. */
    public record Settled(int sent, int requeued, int unknown) {
    }

    /** Asks the provider about up to {@value #PER_RUN} messages; any number of nodes may run it at once. */
    public Settled run() {
        Instant now = clock.instant();
        int sent = 0;
        int requeued = 0;
        int unknown = 0;
        for (MessageRepository.Uncertain row : messages.uncertainToReconcile(now.minus(SETTLE), now.minus(LOOK_BACK),
                PER_RUN)) {
            SendLookup.Answer answer;
            try {
                // A row no send could be made of (a hand-edited number) is asked about never, and stays.
                OutboundSms sms = new OutboundSms(String.valueOf(row.id()), row.store(), MobileNumber.of(row.recipient()),
                        row.body(), MessageEncoding.valueOf(row.encoding()), row.segments());
                answer = lookup.lookUp(sms, row.notBefore().minus(CLOCK_SKEW));
            } catch (RuntimeException e) {
                log.debug("Lookup of message {} failed: {}", row.id(), e.getClass().getSimpleName());
                answer = SendLookup.Answer.UNKNOWN;
            }
            switch (answer.found()) {
                case SENT -> {
                    if (messages.reconciledSent(row.id(), gatewayName, answer.providerMessageId(), clock.instant())) {
                        sent++;
                    }
                }
                case NOT_SENT -> {
                    if (messages.reconciledNotSent(row.id(), clock.instant())) {
                        requeued++;
                    }
                }
                case UNKNOWN -> unknown++;
            }
        }
        if (sent + requeued > 0) {
            log.info("UNCERTAIN messages settled with {}: {} were sent, {} never arrived and go out again; {} still"
                    + " unknown", gatewayName, sent, requeued, unknown);
        }
        return new Settled(sent, requeued, unknown);
    }
}
