package dev.torpedo.sms.impl.metrics;

import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plugin's meters: {@code torpedo.sms.enqueued}, {@code torpedo.sms.sent}, {@code torpedo.sms.failed}
 * (tagged by kind, and failures by reason), {@code torpedo.sms.dispatch.latency} (from due to accepted) and the
 * gauge {@code torpedo.sms.waiting} (messages queued or waiting for credit; read from the database when scraped).
 */
final class MicrometerQueueMetrics implements QueueMetrics {

    private final MeterRegistry registry;

    private MicrometerQueueMetrics(MeterRegistry registry, JdbcOperations jdbc) {
        this.registry = registry;
        for (MessageStatus status : List.of(MessageStatus.QUEUED, MessageStatus.WAITING_CREDIT)) {
            Gauge.builder("torpedo.sms.waiting", jdbc, db -> waiting(db, status))
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .description("Messages not yet sent")
                    .register(registry);
        }
    }

    static Optional<QueueMetrics> fromContext(BeanFactory beans, JdbcOperations jdbc) {
        return Optional.ofNullable(beans.getBeanProvider(MeterRegistry.class).getIfUnique())
                .map(registry -> new MicrometerQueueMetrics(registry, jdbc));
    }

    private static double waiting(JdbcOperations jdbc, MessageStatus status) {
        return MessageRepository.countAll(jdbc, status);
    }

    @Override
    public void enqueued(MessageKind kind) {
        Counter.builder("torpedo.sms.enqueued").tag("kind", kind.name()).register(registry).increment();
    }

    @Override
    public void sent(MessageKind kind, Duration dueToSent) {
        Counter.builder("torpedo.sms.sent").tag("kind", kind.name()).register(registry).increment();
        Timer.builder("torpedo.sms.dispatch.latency").tag("kind", kind.name()).register(registry).record(dueToSent);
    }

    @Override
    public void failed(MessageKind kind, String reason) {
        Counter.builder("torpedo.sms.failed").tag("kind", kind.name()).tag("reason", reason).register(registry).increment();
    }
}
