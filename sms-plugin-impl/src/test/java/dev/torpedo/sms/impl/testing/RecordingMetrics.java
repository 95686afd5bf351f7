package dev.torpedo.sms.impl.testing;

import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.QueueMetrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Queue metrics that remember what they were told, for assertions. Thread-safe. */
public final class RecordingMetrics implements QueueMetrics {

    /** One {@link #sent} call. */
    public record Sent(MessageKind kind, Duration dueToSent) {
    }

    /** One {@link #failed} call. */
    public record Failed(MessageKind kind, String reason) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Failed> failed = new CopyOnWriteArrayList<>();

    @Override
    public void sent(MessageKind kind, Duration dueToSent) {
        sent.add(new Sent(kind, dueToSent));
    }

    @Override
    public void failed(MessageKind kind, String reason) {
        failed.add(new Failed(kind, reason));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Failed> failed() {
        return List.copyOf(failed);
    }
}
