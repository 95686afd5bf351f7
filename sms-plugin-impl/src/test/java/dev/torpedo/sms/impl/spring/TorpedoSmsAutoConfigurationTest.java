package dev.torpedo.sms.impl.spring;

import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A Spring Boot host only adds the jar. */
class TorpedoSmsAutoConfigurationTest {

    private final TestDatabase.Db db = TestDatabase.H2.create();

    private final ApplicationContextRunner boot = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TorpedoSmsAutoConfiguration.class))
            .withBean(DataSource.class, db::dataSource)
            .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(db.dataSource()))
            .withPropertyValues("torpedo.sms.dispatcher.enabled=false");

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void theJarDeclaresItsAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(TorpedoSmsAutoConfiguration.class.getName());
    }

    @Test
    void aBootHostWithADataSourceGetsTheHook() {
        boot.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SmsHook.class);
            assertThat(context.getBean(TorpedoSmsProperties.class).gateway()).isEqualTo("sandbox");
        });
    }

    @Test
    void thePropertyTurnsThePluginOff() {
        boot.withPropertyValues("torpedo.sms.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SmsHook.class));
    }

    @Test
    void withoutADataSourceThePluginStaysOut() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TorpedoSmsAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SmsHook.class));
    }
}
