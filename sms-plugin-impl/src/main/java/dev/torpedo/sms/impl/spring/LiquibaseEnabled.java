package dev.torpedo.sms.impl.spring;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** On unless {@code torpedo.sms.liquibase.enabled=false}: a host that runs Liquibase itself includes our changelog. */
final class LiquibaseEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment().getProperty(TorpedoSmsProperties.PREFIX + "liquibase.enabled", Boolean.class, true);
    }
}
