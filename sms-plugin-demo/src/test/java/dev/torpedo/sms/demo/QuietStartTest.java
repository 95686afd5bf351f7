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
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(TorpedoDemoApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:quiet-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1")) {
            assertThat(demo.isRunning()).isTrue();
        }

        assertThat(output.getOut()).contains("Tomcat started on port", "Dispatcher loop");
        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.contains("generated security password") || line.contains("LOGBACK")
                || line.contains("SLF4J(W)"))).isEmpty();
    }
}
