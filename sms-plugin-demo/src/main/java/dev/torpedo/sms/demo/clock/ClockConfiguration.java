package dev.torpedo.sms.demo.clock;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** The host's {@link Clock}, which the plugin uses too. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /** @param demoSchema made first: the clock reads its offset from the demo's tables */
    @Bean
    DemoClock demoClock(JdbcTemplate jdbc, @Qualifier("demoSchema") SpringLiquibase demoSchema) {
        return new DemoClock(Clock.systemUTC(), jdbc);
    }
}
