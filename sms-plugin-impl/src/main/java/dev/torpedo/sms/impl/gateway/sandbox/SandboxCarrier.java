package dev.torpedo.sms.impl.gateway.sandbox;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.receipt.DeliveryReceipts;
import dev.torpedo.sms.impl.receipt.InboundReply;
import dev.torpedo.sms.impl.receipt.OptOut;
import dev.torpedo.sms.impl.receipt.Receipt;
import dev.torpedo.sms.impl.receipt.ReceiptStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The far side of the sandbox: the carrier that reports each message "sent" as delivered, and the handset whose
 * replies reach the plugin. Both go in through the path a provider's webhook takes once it has read its request
 * ({@link DeliveryReceipts#apply}, {@link OptOut#handle}), so that a demo shows what production does.
 *
 * <pre>{@code
 * var carrier = new SandboxCarrier(sandbox, receipts, optOut);
 * scheduler.scheduleWithFixedDelay(carrier::reportDeliveries, 1, 1, TimeUnit.SECONDS);
 * carrier.reply(MobileNumber.of("+5511912345678"), "SAIR");
 * }</pre>
 */
public final class SandboxCarrier {

    /** The gateway name the sandbox's messages carry, and its receipts and replies too. */
    public static final String GATEWAY = "sandbox";

    private static final int REPORTS_PER_RUN = 200;
    private static final Logger log = LoggerFactory.getLogger(SandboxCarrier.class);

    private final SandboxSmsGateway sandbox;
    private final DeliveryReceipts receipts;
    private final OptOut optOut;

    public SandboxCarrier(SandboxSmsGateway sandbox, DeliveryReceipts receipts, OptOut optOut) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.optOut = Objects.requireNonNull(optOut, "optOut");
    }

    /**
     * Reports as DELIVERED the messages "sent" since the last run, each once; returns how many. A report that
     * comes before the dispatcher recorded the send is kept by the plugin until it has, as a provider's would be.
     */
    public int reportDeliveries() {
        List<Long> reported = new ArrayList<>();
        for (SandboxSms sms : sandbox.unreported(REPORTS_PER_RUN)) {
            receipts.apply(new Receipt(GATEWAY, "sandbox-" + sms.id(), ReceiptStatus.DELIVERED, "DELIVERED", null,
                    ourId(sms)));
            reported.add(sms.id());
        }
        sandbox.markReported(reported);
        if (!reported.isEmpty()) {
            log.debug("Sandbox: {} delivery report(s) sent", reported.size());
        }
        return reported.size();
    }

    /** Our id rides with the message, as in Twilio's status callback: a receipt finds a row whose send is unrecorded. */
    private static Long ourId(SandboxSms sms) {
        try {
            return Long.valueOf(sms.messageId());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The shopper at {@code from} answers with {@code text} ("SAIR" stops every message to the number). */
    public OptOut.Result reply(MobileNumber from, String text) {
        Objects.requireNonNull(from, "from");
        return optOut.handle(new InboundReply(GATEWAY, from.e164(), text, null));
    }
}
