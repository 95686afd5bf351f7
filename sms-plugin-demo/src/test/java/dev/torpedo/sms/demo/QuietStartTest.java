package dev.torpedo.sms.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A new user's first start says what it does and nothing else: no warnings, no generated password, no banner. */
@ExtendWith(OutputCaptureExtension.class)
class QuietStartTest {

    @Test
    void theDemoStartsWithoutWarningsOrAGeneratedPassword(CapturedOutput output) {
        // The build sets it for the other tests (pom.xml); a new user's start has no such property, and Spring Boot
        // warns about it when it is the first to set up logging in the JVM, as this test is when run alone.
        String logbackFile = System.clearProperty("logback.configurationFile");
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(TorpedoDemoApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:quiet-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1")) {
            assertThat(demo.isRunning()).isTrue();
        } finally {
            if (logbackFile != null) {
                System.setProperty("logback.configurationFile", logbackFile);
            }
        }

        assertThat(output.getOut()).contains("Tomcat started on port", "Dispatcher loop");
        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.contains("generated security password") || line.contains("LOGBACK")
                || line.contains("SLF4J(W)"))).isEmpty();
    }
}
