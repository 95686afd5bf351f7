package dev.torpedo.sms.impl.gateway.sandbox;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxSmsGatewayTest {

    static final StoreId STORE = StoreId.of("42");
    static final MobileNumber ANA = MobileNumber.of("+5511912345678");
    static final MobileNumber BIA = MobileNumber.of("+5521987654321");

    abstract static class Contract extends DatabaseContract {

        MutableClock clock;
        SandboxSmsGateway gateway;

        Contract(TestDatabase database) {
            super(database);
        }

        @BeforeEach
        void wire() {
            clock = MutableClock.at("2026-03-10T13:00:00Z");
            gateway = new SandboxSmsGateway(db.jdbc(), clock);
        }

        static OutboundSms sms(String id, MobileNumber to, String text) {
            return new OutboundSms(id, STORE, to, text, MessageEncoding.GSM_7, 1);
        }

        @Test
        void aSentMessageIsKeptAndAcceptedUnderItsSandboxId() {
            SendResult result = gateway.send(sms("m-1", ANA, "Loja da Ana: Caneca Azul voltou ao estoque!"));

            List<SandboxSms> inbox = gateway.inbox(ANA, 10);
            assertThat(inbox).hasSize(1);
            SandboxSms kept = inbox.get(0);
            assertThat(result).isEqualTo(SendResult.accepted("sandbox-" + kept.id()));
            assertThat(kept.messageId()).isEqualTo("m-1");
            assertThat(kept.storeId()).isEqualTo(STORE);
            assertThat(kept.to()).isEqualTo(ANA);
            assertThat(kept.body()).isEqualTo("Loja da Ana: Caneca Azul voltou ao estoque!");
            assertThat(kept.segments()).isEqualTo(1);
            assertThat(kept.at()).isEqualTo(clock.instant());
            assertThat(kept.toString()).doesNotContain("Caneca").doesNotContain(ANA.e164());
            assertThat(gateway.name()).isEqualTo("sandbox");
        }

        @Test
        void theInboxShowsOneNumbersMessagesNewestFirstUpToTheLimit() {
            for (int i = 1; i <= 5; i++) {
                gateway.send(sms("ana-" + i, ANA, "Mensagem " + i));
                gateway.send(sms("bia-" + i, BIA, "Mensagem " + i));
                clock.advance(Duration.ofMinutes(1));
            }

            assertThat(gateway.inbox(ANA, 3)).extracting(SandboxSms::messageId).containsExactly("ana-5", "ana-4", "ana-3");
            assertThat(gateway.inbox(BIA, 10)).hasSize(5).allMatch(sms -> sms.to().equals(BIA));
            assertThat(gateway.inbox(MobileNumber.of("+5531991234567"), 10)).isEmpty();
        }

        @Test
        void manyThreadsCanSendAtOnce() throws Exception {
            ExecutorService dispatcher = Executors.newFixedThreadPool(8);
            List<Callable<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "m-" + i;
                sends.add(() -> gateway.send(sms(id, ANA, "Mensagem")));
            }
            List<String> providerIds = new ArrayList<>();
            try {
                for (Future<SendResult> sent : dispatcher.invokeAll(sends)) {
                    providerIds.add(((SendResult.Accepted) sent.get()).providerMessageId());
                }
            } finally {
                dispatcher.shutdownNow();
            }

            assertThat(providerIds).doesNotHaveDuplicates().hasSize(200);
            assertThat(gateway.inbox(ANA, 500)).hasSize(200);
        }

        @Test
        void aTextLongerThanTheOutboxKeepsIsRefusedForGood() {
            SendResult result = gateway.send(new OutboundSms("m-1", STORE, ANA, "x".repeat(1_601), MessageEncoding.GSM_7, 11));

            assertThat(result).isInstanceOf(SendResult.Permanent.class);
            assertThat(gateway.inbox(ANA, 10)).isEmpty();
        }
    }

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariadb extends Contract {
        OnMariadb() {
            super(TestDatabase.MARIADB);
        }
    }
}
