package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.queue.OutcomePolicy.Decision;
import dev.torpedo.sms.impl.testing.QueueRig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outcome rules alone, without a database: each provider answer and what the message becomes. */
class OutcomePolicyTest {

    static final Instant CREATED = Instant.parse("2026-03-10T15:00:00Z");
    static final Instant ANSWERED = CREATED.plusSeconds(2);

    final OutcomePolicy policy = new OutcomePolicy(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24),
            QueueRig.NO_JITTER);

    @Test
    void eachAnswerBecomesItsState() {
        record Row(SendResult answer, Decision expected) {
        }
        List<Row> table = List.of(
                new Row(SendResult.accepted("zen-1"), new Decision(MessageStatus.SENT, null, ANSWERED, "zen-1", false,
                        null, false, false)),
                new Row(SendResult.retryable("503"), new Decision(MessageStatus.QUEUED, "503",
                        ANSWERED.plusSeconds(15), null, false, null, false, false)),
                new Row(SendResult.retryable("429", Duration.ofMinutes(5)), new Decision(MessageStatus.QUEUED, "429",
                        ANSWERED.plus(Duration.ofMinutes(5)), null, false, null, false, false)),
                new Row(SendResult.permanent("invalid number", "21211"), new Decision(MessageStatus.FAILED,
                        "permanent: invalid number [21211]", null, null, false, "permanent", true, false)),
                new Row(SendResult.permanent("rejected", ""), new Decision(MessageStatus.FAILED,
                        "permanent: rejected", null, null, false, "permanent", true, false)),
                new Row(SendResult.optedOut("unsubscribed", "21610"), new Decision(MessageStatus.FAILED,
                        "permanent: unsubscribed [21610]", null, null, false, "opted-out", true, true)),
                new Row(SendResult.ambiguous("read timeout"), new Decision(MessageStatus.UNCERTAIN,
                        "ambiguous: read timeout", null, null, false, "ambiguous", false, false)));

        for (Row row : table) {
            assertThat(policy.answered(row.answer(), ANSWERED, 1, CREATED)).as(row.answer().toString())
                    .isEqualTo(row.expected());
        }
    }

    @Test
    void aRetryThatWouldComePastTheMaximumAgeFailsNowRefunded() {
        Instant late = CREATED.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59));

        assertThat(policy.answered(SendResult.retryable("503"), late, 9, CREATED)).isEqualTo(new Decision(
                MessageStatus.FAILED, "expired: 503", null, null, false, "expired", true, false));
    }

    @Test
    void aGatewayThatThrowsLeavesTheMessageUncertainNamingOnlyTheExceptionsType() {
        Decision decision = policy.threw(new IllegalStateException("https://api.example/?token=secret"));

        assertThat(decision).isEqualTo(new Decision(MessageStatus.UNCERTAIN,
                "gateway-error: java.lang.IllegalStateException", null, null, false, "gateway-error", false, false));
    }

    @Test
    void aClosedWindowGivesTheAttemptBackForTheNextOpening() {
        Instant reopens = Instant.parse("2026-03-11T12:00:00Z");

        assertThat(policy.windowClosed(reopens)).isEqualTo(new Decision(MessageStatus.QUEUED, "window-closed",
                reopens, null, true, null, false, false));
    }

    @Test
    void longProviderIdsAndReasonsAreClippedToTheirColumns() {
        Decision sent = policy.answered(SendResult.accepted("x".repeat(150)), ANSWERED, 1, CREATED);
        Decision failed = policy.answered(SendResult.permanent("y".repeat(300), ""), ANSWERED, 1, CREATED);

        assertThat(sent.providerMessageId()).hasSize(OutcomePolicy.MAX_PROVIDER_ID).endsWith("...");
        assertThat(failed.reason()).hasSize(OutcomePolicy.MAX_REASON).startsWith("permanent: yyy").endsWith("...");
    }

    @Test
    void aReasonThatFitsItsColumnExactlyIsKeptWhole() {
        String reason = "z".repeat(OutcomePolicy.MAX_REASON);

        assertThat(policy.heldBack(reason, ANSWERED).reason()).isEqualTo(reason);
        assertThat(policy.heldBack(reason + "z", ANSWERED).reason()).hasSize(OutcomePolicy.MAX_REASON).endsWith("...");
    }

    @Test
    void aSendHeldBackByTheGuardGoesBackToTheQueueWithoutSpendingAnAttempt() {
        Instant retryAt = ANSWERED.plusSeconds(60);

        assertThat(policy.heldBack("circuit-open", retryAt)).isEqualTo(new Decision(MessageStatus.QUEUED,
                "circuit-open", retryAt, null, true, null, false, false));
    }

    @Test
    void thePolicyOfTheDispatchersOptionsRetriesAndExpiresAsTheyAsk() {
        OutcomePolicy fromOptions = OutcomePolicy.of(DispatcherOptions.defaults("node-1")
                .withRetry(Duration.ofSeconds(10), Duration.ofSeconds(40)).withMaxAge(Duration.ofMinutes(5)), QueueRig.NO_JITTER);

        assertThat(List.of(1, 2, 3, 4).stream().map(fromOptions::backoff)).containsExactly(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(20));
        assertThat(fromOptions.answered(SendResult.retryable("503"), CREATED.plus(Duration.ofMinutes(5)), 1, CREATED))
                .extracting(Decision::status).isEqualTo(MessageStatus.FAILED);
    }

    @Test
    void aBackoffTooLongToCountIsRetryMax() {
        OutcomePolicy yearly = new OutcomePolicy(Duration.ofDays(365 * 1_000L), Duration.ofHours(2), Duration.ofDays(1),
                QueueRig.NO_JITTER);

        assertThat(yearly.backoff(31)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void backoffIsJitteredUpToItsFullLengthAndCappedAtRetryMax() {
        OutcomePolicy jittered = new OutcomePolicy(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofDays(1),
                QueueRig.MAX_JITTER);
        OutcomePolicy calm = new OutcomePolicy(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofDays(1),
                QueueRig.NO_JITTER);

        assertThat(List.of(1, 2, 3, 4, 40).stream().map(jittered::backoff)).containsExactly(Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(2));
        assertThat(List.of(1, 2, 3, 4).stream().map(calm::backoff)).containsExactly(Duration.ofSeconds(15),
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(1));
    }
}
