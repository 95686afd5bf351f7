package dev.torpedo.sms.impl.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;

/**
 * Spring Boot auto-configuration: a Boot host only adds the jar. Runs after the host's data source and
 * transaction manager exist; {@code torpedo.sms.enabled=false} turns the plugin off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "torpedo.sms", name = "enabled", matchIfMissing = true)
@Import(TorpedoSmsConfiguration.class)
public class TorpedoSmsAutoConfiguration {
}
