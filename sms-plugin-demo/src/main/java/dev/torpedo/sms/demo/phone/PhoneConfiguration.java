package dev.torpedo.sms.demo.phone;

import dev.torpedo.sms.impl.gateway.sandbox.SandboxCarrier;
import dev.torpedo.sms.impl.gateway.sandbox.SandboxSmsGateway;
import dev.torpedo.sms.impl.receipt.DeliveryReceipts;
import dev.torpedo.sms.impl.receipt.OptOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The phone side of the sandbox: the gateway the plugin "sends" through, the carrier that reports each message
 * delivered a moment later, and the inbound path that a reply takes (the engine's receipts, and the opt-out that
 * the providers' webhooks use).
 */
@Configuration(proxyBeanMethods = false)
public class PhoneConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PhoneConfiguration.class);

    /** Declared by the host so that the phone can read what it kept; the plugin sends through it. */
    @Bean
    SandboxSmsGateway sandboxGateway(JdbcTemplate jdbc, Clock clock) {
        return new SandboxSmsGateway(jdbc, clock);
    }

    @Bean
    SandboxCarrier sandboxCarrier(SandboxSmsGateway sandbox, DeliveryReceipts receipts, OptOut optOut) {
        return new SandboxCarrier(sandbox, receipts, optOut);
    }

    @Bean
    PhoneReplies phoneReplies(JdbcTemplate jdbc) {
        return new PhoneReplies(jdbc);
    }

    /** The carrier reports deliveries every second, as a provider's status webhook would. */
    @Bean
    DeliveryReports deliveryReports(SandboxCarrier carrier) {
        return new DeliveryReports(carrier);
    }

    /** A thread of its own that runs the carrier's reports while the application runs. */
    static final class DeliveryReports implements SmartLifecycle {

        private final SandboxCarrier carrier;
        private volatile ScheduledExecutorService thread;

        DeliveryReports(SandboxCarrier carrier) {
            this.carrier = carrier;
        }

        @Override
        public synchronized void start() {
            thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread reports = new Thread(runnable, "demo-delivery-reports");
                reports.setDaemon(true);
                return reports;
            });
            thread.scheduleWithFixedDelay(this::report, 1, 1, TimeUnit.SECONDS);
        }

        private void report() {
            try {
                carrier.reportDeliveries();
            } catch (RuntimeException e) {
                log.warn("Delivery reports failed; trying again in a second: {}", e.toString());
            }
        }

        @Override
        public synchronized void stop() {
            if (thread != null) {
                thread.shutdownNow();
                thread = null;
            }
        }

        @Override
        public boolean isRunning() {
            return thread != null;
        }
    }
}
