package dev.torpedo.sms.demo;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The host's own tables, migrated by its own changelog beside the plugin's. */
@Configuration(proxyBeanMethods = false)
class DemoTables {

    @Bean
    SpringLiquibase demoSchema(DataSource dataSource) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog("classpath:db/demo-changelog.xml");
        return liquibase;
    }
}
