package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.window.SendWindow;
import dev.torpedo.sms.impl.window.SendWindowOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sending threads and the bounds they put on claims, without a database: a claim may lease only rows that
 * can start sending now, and a node never holds more leased rows than it has senders, sent or not.
 */
class SendersTest {

    /** Tuesday 18:30 in São Paulo: the window closed half an hour ago. */
    static final Instant NOW = Instant.parse("2026-03-10T21:30:00Z");
    static final int CONCURRENCY = 4;

    /** The gateway holds every send until {@link #answer} opens; it counts the sends that reached it. */
    final CountDownLatch answer = new CountDownLatch(1);
    final BlockingQueue<String> reached = new LinkedBlockingQueue<>();
    final SmsGateway gateway = sms -> {
        reached.add(sms.messageId());
        try {
            answer.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SendResult.accepted("p-" + sms.messageId());
    };
    /** The recorder holds every group until {@link #record} opens. */
    final CountDownLatch record = new CountDownLatch(1);
    final BlockingQueue<Attempt> recorded = new LinkedBlockingQueue<>();
    /** The size of each group the recorder was handed, as it is handed it. */
    final BlockingQueue<Integer> inRecorder = new LinkedBlockingQueue<>();
    final AtomicBoolean stopping = new AtomicBoolean();

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final SendWindow window = new SendWindow(clock, SendWindowOptions.defaults(), new BrazilianCalendar());
    final List<Senders> made = new ArrayList<>();
    Senders senders;
    Recording recording;

    @AfterEach
    void close() {
        answer.countDown();
        record.countDown();
        made.forEach(Senders::shutdown);
        if (recording != null) {
            recording.close();
        }
    }

    void start() {
        // Groups wait for every send out, however long: which sends a group holds does not depend on timing.
        recording = new Recording("node-t", CONCURRENCY, Duration.ofMinutes(1), Recording.CARRY_WAIT,
                (group, leaseEnds) -> recordOnceOpen(group), lease -> senders.settled(lease), outcomes -> { });
        senders = new Senders("node-t", CONCURRENCY, gateway, window, clock, stopping::get, recording);
        made.add(senders);
    }

    private Map<MessageStatus, Integer> recordOnceOpen(List<Attempt> group) {
        inRecorder.add(group.size());
        try {
            record.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorded.addAll(group);
        return Map.of(MessageStatus.SENT, group.size());
    }

    @Test
    void aClaimMayLeaseNoMoreRowsThanThereAreFreeSenders() throws Exception {
        start();
        assertThat(senders.take(100).rows()).isEqualTo(CONCURRENCY);
        senders.send(leases(1, CONCURRENCY), NOW.plusSeconds(60));
        awaitReached(CONCURRENCY);

        // Every sender is busy: the next claim waits for one to return.
        CompletableFuture<Senders.Slots> next = CompletableFuture.supplyAsync(() -> senders.take(100));
        assertThat(next).as("no sender free").isNotDone();
        answer.countDown();
        record.countDown();
        assertThat(next.get(10, TimeUnit.SECONDS).rows()).isBetween(1, CONCURRENCY);
    }

    @Test
    void rowsThatReturnedHoldTheirPlacesUntilTheyAreRecorded() throws Exception {
        start();
        answer.countDown();
        // The provider answers at once, the database records nothing yet: the senders are free again, but the
        // node already holds as many unrecorded rows as it has senders, and a kill now would leave those in doubt.
        assertThat(senders.take(100).rows()).isEqualTo(CONCURRENCY);
        senders.send(leases(1, CONCURRENCY), NOW.plusSeconds(60));
        assertThat(inRecorder.poll(10, TimeUnit.SECONDS)).as("one group of every send").isEqualTo(CONCURRENCY);
        assertThat(senders.inFlight()).hasSize(CONCURRENCY);
        assertThat(senders.placesFree()).as("no place left for another row").isZero();

        CompletableFuture<Senders.Slots> next = CompletableFuture.supplyAsync(() -> senders.take(CONCURRENCY));
        assertThat(next).as("every place among the unrecorded rows taken").isNotDone();
        record.countDown();
        assertThat(next.get(10, TimeUnit.SECONDS).rows()).isBetween(1, CONCURRENCY);
        assertThat(senders.awaitSettled(Duration.ofMillis(200))).as("the claim holds its places").isFalse();
        senders.claimed(next.get(), 0);
        assertThat(senders.awaitSettled(Duration.ofSeconds(10))).isTrue();
        assertThat(senders.inFlight()).isEmpty();
    }

    @Test
    void aClaimCarriesTheReturnedSendsTheRecordingThreadHasNotTakenAndTheirPlacesPassToItsRows() throws Exception {
        start();
        answer.countDown();
        Senders.Slots slots = returnedWhileTheRecorderIsBusy();
        assertThat(slots.rows()).isEqualTo(CONCURRENCY - 1);
        assertThat(slots.carried().leases()).extracting(Lease::id).containsExactlyInAnyOrder(2L, 3L, 4L);
        assertThat(recording.waiting()).as("none left for the recording thread").isZero();
        assertThat(senders.placesFree()).as("their places are the claim's now").isZero();

        // The claim committed their outcomes and leased two rows: one place is free, the others pass on.
        senders.claimed(slots, 2);
        assertThat(senders.placesFree()).isEqualTo(1);
        assertThat(senders.inFlight()).containsExactly(1L);
        senders.send(leases(5, 2), NOW.plusSeconds(60));
        assertThat(senders.inFlight()).containsExactly(1L, 5L, 6L);
        record.countDown();
        assertThat(senders.awaitSettled(Duration.ofSeconds(10))).isTrue();
        assertThat(recorded).extracting(attempt -> attempt.lease().id()).containsExactlyInAnyOrder(1L, 5L, 6L);
    }

    @Test
    void sendsCarriedByAClaimThatFailedGoBackToTheRecordingThreadWithTheirPlaces() throws Exception {
        start();
        answer.countDown();
        Senders.Slots slots = returnedWhileTheRecorderIsBusy();
        senders.giveBack(slots);
        assertThat(senders.placesFree()).as("still held by the unrecorded sends").isZero();
        assertThat(recording.waiting()).isEqualTo(CONCURRENCY - 1);
        record.countDown();
        assertThat(senders.awaitSettled(Duration.ofSeconds(10))).isTrue();
        assertThat(recorded).extracting(attempt -> attempt.lease().id()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(senders.inFlight()).isEmpty();
    }

    /**
     * Row 1 is sent and its group handed to the recorder, which holds it; rows 2 to 4 are sent and return
     * meanwhile; then a claim takes what it can.
     */
    private Senders.Slots returnedWhileTheRecorderIsBusy() throws Exception {
        assertThat(senders.take(1).rows()).isEqualTo(1);
        senders.send(leases(1, 1), NOW.plusSeconds(60));
        assertThat(inRecorder.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        Senders.Slots rest = senders.take(100);
        assertThat(rest.rows()).isEqualTo(CONCURRENCY - 1);
        assertThat(rest.carried().size()).isZero();
        senders.send(leases(2, CONCURRENCY - 1), NOW.plusSeconds(60));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recording.waiting() < CONCURRENCY - 1 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(recording.waiting()).as("returned, waiting for the busy recorder").isEqualTo(CONCURRENCY - 1);
        return senders.take(100);
    }

    @Test
    void aClaimWaitingForSendersGivesUpWhenTheNodeStops() throws Exception {
        start();
        assertThat(senders.take(100).rows()).isEqualTo(CONCURRENCY);
        senders.send(leases(1, CONCURRENCY), NOW.plusSeconds(60));
        CompletableFuture<Senders.Slots> waiting = CompletableFuture.supplyAsync(() -> senders.take(100));
        stopping.set(true);
        assertThat(waiting.get(10, TimeUnit.SECONDS).rows()).isZero();
        assertThat(senders.inFlight()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aRowWhoseWindowClosedWhileItWaitedIsNotSent() throws Exception {
        start();
        answer.countDown();
        record.countDown();
        assertThat(senders.take(1).rows()).isEqualTo(1);
        Lease closed = lease(7, NOW.minus(Duration.ofMinutes(30)));
        Recording.Claimed rows = senders.send(List.of(closed), NOW.plusSeconds(60));
        rows.awaitRecorded();
        assertThat(reached).isEmpty();
        Attempt attempt = recorded.poll();
        assertThat(attempt).isInstanceOf(Attempt.WindowClosed.class);
        // The next opening: Wednesday 09:00 in São Paulo.
        assertThat(((Attempt.WindowClosed) attempt).reopens()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
    }

    @Test
    void aSendThatThrowsFreesItsSenderAndIsSettled() throws Exception {
        SmsGateway throwing = sms -> {
            throw new AssertionError("a gateway's error, not an exception");
        };
        recording = new Recording("node-t", CONCURRENCY, Recording.GROUP_WAIT, Recording.CARRY_WAIT,
                (group, leaseEnds) -> Map.of(), lease -> senders.settled(lease), outcomes -> { });
        senders = new Senders("node-t", CONCURRENCY, throwing, window, clock, stopping::get, recording);
        made.add(senders);
        assertThat(senders.take(1).rows()).isEqualTo(1);
        Recording.Claimed rows = senders.send(List.of(lease(1, NOW.plusSeconds(60))), NOW.plusSeconds(60));
        rows.awaitSettled();
        assertThat(senders.awaitSettled(Duration.ofSeconds(10))).isTrue();
        assertThat(senders.take(100).rows()).isEqualTo(CONCURRENCY);
    }

    private void awaitReached(int sends) throws InterruptedException {
        for (int i = 0; i < sends; i++) {
            assertThat(reached.poll(10, TimeUnit.SECONDS)).as("send %d reached the gateway", i + 1).isNotNull();
        }
    }

    private static List<Lease> leases(long firstId, int count) {
        List<Lease> leases = new ArrayList<>();
        for (long id = firstId; id < firstId + count; id++) {
            leases.add(lease(id, NOW.plusSeconds(3_600)));
        }
        return leases;
    }

    private static Lease lease(long id, Instant closing) {
        DueRow row = new DueRow(id, StoreId.of("s"), MessageKind.TEST, "+5511987654321", "Loja: oi", "GSM_7", 1, 0, 1,
                NOW, NOW);
        OutboundSms sms = new OutboundSms(String.valueOf(id), row.store(), MobileNumber.of(row.recipient()),
                row.body(), MessageEncoding.GSM_7, 1);
        return new Lease(row, sms, closing, 1, 1);
    }
}
