package dev.torpedo.sms.impl.metrics;

import dev.torpedo.sms.impl.queue.QueueMetrics;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.ClassUtils;

/**
 * Picks the plugin's meters: Micrometer's when the host has it and a {@code MeterRegistry} bean, none otherwise.
 * Micrometer is an optional dependency, so its types appear only in {@link MicrometerQueueMetrics}, which is
 * loaded only when Micrometer is on the classpath.
 */
public final class Meters {

    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    private Meters() {
    }

    public static QueueMetrics forContext(BeanFactory beans, JdbcOperations jdbc) {
        if (!ClassUtils.isPresent(METER_REGISTRY, Meters.class.getClassLoader())) {
            return QueueMetrics.NONE;
        }
        return MicrometerQueueMetrics.fromContext(beans, jdbc).orElse(QueueMetrics.NONE);
    }
}
