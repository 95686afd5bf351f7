package dev.torpedo.sms.impl.db;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;

import javax.sql.DataSource;

/** Applies the plugin's Liquibase changelog; running it again on an up-to-date schema changes nothing. */
public final class SchemaMigration {

    /** The master changelog, for a host that includes it in its own. */
    public static final String CHANGELOG = "classpath:dev/torpedo/sms/db/changelog/torpedo-sms-master.xml";

    private SchemaMigration() {
    }

    /** A Liquibase runner for the plugin's changelog, for a Spring context to initialise. */
    public static SpringLiquibase liquibase(DataSource dataSource) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(CHANGELOG);
        liquibase.setResourceLoader(new DefaultResourceLoader(SchemaMigration.class.getClassLoader()));
        return liquibase;
    }

    /** Brings the schema up to date now. */
    public static void apply(DataSource dataSource) {
        try {
            liquibase(dataSource).afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("The Torpedo SMS schema could not be applied", e);
        }
    }
}
