package dev.torpedo.sms.impl.testing;

import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A gateway that records every message handed to it and answers as scripted: by default it accepts everything
 * (provider id {@code prov-<messageId>}). Thread-safe, so several dispatchers may share one.
 *
 * <pre>{@code
 * var gateway = new RecordingGateway()
 *         .then(Reply.retryable("429", Duration.ofMinutes(5)), Reply.accepted())   // the next two calls
 *         .when(42, Reply.ambiguous("timeout"));                                  // message 42's first call
 * ...
 * gateway.callsFor(42);          // how often message 42 reached the gateway
 * gateway.messagesSentTwice();   // ids handed over more than once
 * }</pre>
 *
 * A message's own script ({@link #when}) wins over the call-order script ({@link #then}), which wins over the
 * default ({@link #otherwise}).
 */
public final class RecordingGateway implements SmsGateway {

    /** How the gateway answers one call; may also act (move a clock, count down a latch) or throw. */
    @FunctionalInterface
    public interface Reply {
        SendResult answer(OutboundSms sms);

        static Reply accepted() {
            return sms -> SendResult.accepted("prov-" + sms.messageId());
        }

        static Reply retryable(String reason) {
            return sms -> SendResult.retryable(reason);
        }

        static Reply retryable(String reason, Duration retryAfter) {
            return sms -> SendResult.retryable(reason, retryAfter);
        }

        static Reply permanent(String reason, String providerCode) {
            return sms -> SendResult.permanent(reason, providerCode);
        }

        static Reply optedOut(String reason, String providerCode) {
            return sms -> SendResult.optedOut(reason, providerCode);
        }

        static Reply ambiguous(String reason) {
            return sms -> SendResult.ambiguous(reason);
        }

        static Reply throwing(RuntimeException error) {
            return sms -> {
                throw error;
            };
        }

        /** Runs {@code action} first, then answers like {@code reply}. */
        static Reply after(Runnable action, Reply reply) {
            return sms -> {
                action.run();
                return reply.answer(sms);
            };
        }
    }

    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<Reply>> scriptPerMessage = new ConcurrentHashMap<>();
    private volatile Reply otherwise = Reply.accepted();
    private final Queue<OutboundSms> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> callsPerMessage = new ConcurrentHashMap<>();

    /** The next calls, whatever their message, answer these in order. */
    public RecordingGateway then(Reply... replies) {
        script.addAll(Arrays.asList(replies));
        return this;
    }

    /** The next calls for message {@code messageId} answer these in order. */
    public RecordingGateway when(long messageId, Reply... replies) {
        scriptPerMessage.computeIfAbsent(String.valueOf(messageId), id -> new ConcurrentLinkedQueue<>())
                .addAll(Arrays.asList(replies));
        return this;
    }

    /** How calls past every script answer (accepted unless set). */
    public RecordingGateway otherwise(Reply reply) {
        this.otherwise = Objects.requireNonNull(reply, "reply");
        return this;
    }

    @Override
    public SendResult send(OutboundSms sms) {
        calls.add(sms);
        callsPerMessage.computeIfAbsent(sms.messageId(), id -> new AtomicInteger()).incrementAndGet();
        Queue<Reply> own = scriptPerMessage.get(sms.messageId());
        Reply reply = own == null ? null : own.poll();
        if (reply == null) {
            reply = script.poll();
        }
        return (reply == null ? otherwise : reply).answer(sms);
    }

    @Override
    public String name() {
        return "recording";
    }

    /** Every message handed over, in the order the calls began. */
    public List<OutboundSms> calls() {
        return new ArrayList<>(calls);
    }

    public int callCount() {
        return calls.size();
    }

    public int callsFor(long messageId) {
        AtomicInteger count = callsPerMessage.get(String.valueOf(messageId));
        return count == null ? 0 : count.get();
    }

    /** The ids of the messages that reached the gateway, each once. */
    public Set<String> messageIds() {
        return Set.copyOf(callsPerMessage.keySet());
    }

    /** Ids handed over more than once: empty unless something was sent twice. */
    public Set<String> messagesSentTwice() {
        return callsPerMessage.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
