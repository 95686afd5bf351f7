package dev.torpedo.sms.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reference host: one store ("Loja Demo") on an embedded H2 file database, the plugin added as a jar, the
 * sandbox gateway, and a phone inbox that shows what the sandbox "sent". Open http://localhost:8080.
 */
@SpringBootApplication
public class TorpedoDemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(TorpedoDemoApplication.class, args);
    }
}
