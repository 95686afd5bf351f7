package dev.torpedo.sms.impl.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every log line of the plugin ({@code dev.torpedo}, DEBUG and up) while open, so that tests can check
 * what was logged and, above all, what was not (a full phone number, a secret).
 *
 * <pre>{@code
 * try (var logs = LogCapture.start()) {
 *     receipts.apply(receipt);
 *     assertThat(logs.lines()).anyMatch(line -> line.contains("unknown message"));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.previous = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    public static LogCapture start() {
        return new LogCapture("dev.torpedo");
    }

    /** Each line as it would be written: level, logger, message with its arguments, and any exception's messages. */
    public List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) {     // the lock AppenderBase appends under
            events = List.copyOf(appender.list);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                    + event.getFormattedMessage());
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                line.append(" | ").append(error.getClassName()).append(": ").append(error.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        appender.stop();
    }
}
