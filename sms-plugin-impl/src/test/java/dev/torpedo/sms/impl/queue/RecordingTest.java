package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recording thread alone, without a database: which returned sends go into one group, and what a claim learns.
 * Groups wait an hour here, so a group recorded at all shows that something other than the wait ended it.
 */
class RecordingTest {

    static final Duration AN_HOUR = Duration.ofHours(1);
    static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");
    static final Instant LEASE_ENDS = NOW.plusSeconds(30);

    /** Each group the recorder was given, in order; what it throws, if set. */
    final BlockingQueue<List<Long>> groups = new LinkedBlockingQueue<>();
    final AtomicReference<RuntimeException> recorderFails = new AtomicReference<>();
    final BlockingQueue<Long> settled = new LinkedBlockingQueue<>();
    final BlockingQueue<Map<MessageStatus, Integer>> afterRecorded = new LinkedBlockingQueue<>();
    final BlockingQueue<Instant> leasesEnding = new LinkedBlockingQueue<>();

    Recording recording;

    @AfterEach
    void close() {
        if (recording != null) {
            recording.close();
        }
    }

    void recording(int groupSize) {
        // Sends are left to a claim gathering senders for an hour too.
        recording = new Recording("node-t", groupSize, AN_HOUR, AN_HOUR, (group, leaseEnds) -> {
            leasesEnding.add(leaseEnds);
            groups.add(group.stream().map(attempt -> attempt.lease().id()).toList());
            RuntimeException failure = recorderFails.get();
            if (failure != null) {
                throw failure;
            }
            return Map.of(MessageStatus.QUEUED, group.size());
        }, lease -> settled.add(lease.id()), afterRecorded::add);
    }

    @Test
    void aFullGroupIsRecordedWhileOtherSendsAreStillOut() throws InterruptedException {
        recording(2);
        Recording.Claimed claim = recording.claimed(3, LEASE_ENDS);

        returned(claim, 1, 2);

        assertThat(nextGroup()).containsExactly(1L, 2L);
        assertThat(claim.isRecorded()).isFalse();
        returned(claim, 3);
        assertThat(nextGroup()).containsExactly(3L);
        claim.awaitRecorded();
        assertThat(settled).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theLastSendOutEndsTheGroupsWait() throws InterruptedException {
        recording(100);
        Recording.Claimed claim = recording.claimed(2, LEASE_ENDS);

        returned(claim, 1, 2);

        claim.awaitRecorded();
        assertThat(groups).containsExactly(List.of(1L, 2L));
        assertThat(afterRecorded).containsExactly(Map.of(MessageStatus.QUEUED, 2));
    }

    @Test
    void sendsOfDifferentClaimsShareAGroupRecordedWithinTheEarliestLease() {
        recording(2);
        Recording.Claimed first = recording.claimed(1, LEASE_ENDS);
        Recording.Claimed second = recording.claimed(2, LEASE_ENDS.plusSeconds(5));

        returned(first, 1);
        returned(second, 2);
        first.awaitRecorded();

        assertThat(groups).containsExactly(List.of(1L, 2L));
        assertThat(leasesEnding).containsExactly(LEASE_ENDS);
        assertThat(second.isRecorded()).as("one of its sends is still out").isFalse();
    }

    @Test
    void aGroupThatCannotBeRecordedFailsItsClaimAndStillSettlesItsRows() {
        recording(2);
        recorderFails.set(new IllegalStateException("database away past the lease"));
        Recording.Claimed claim = recording.claimed(2, LEASE_ENDS);

        returned(claim, 1, 2);

        assertThatThrownBy(claim::awaitRecorded).hasMessage("database away past the lease");
        assertThat(settled).containsExactly(1L, 2L);
        assertThat(afterRecorded).as("nothing was recorded").isEmpty();
    }

    @Test
    void aSendThatThrewIsSettledUnrecordedAndItsClaimLearnsWhy() {
        recording(100);
        Recording.Claimed claim = recording.claimed(2, LEASE_ENDS);

        recording.threw(claim, lease(1), new AssertionError("out of memory, say"));
        returned(claim, 2);

        assertThatThrownBy(claim::awaitRecorded).hasMessage("Sending message 1 failed")
                .hasRootCauseMessage("out of memory, say");
        assertThat(groups).containsExactly(List.of(2L));
        assertThat(settled).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void closingLetsTheThreadRecordWhatWasHandedToItAndEnd() throws InterruptedException {
        recording(100);
        Recording.Claimed claim = recording.claimed(1, LEASE_ENDS);
        returned(claim, 1);

        recording.close();

        claim.awaitRecorded();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("torpedo-record-node-t")).findFirst().orElse(null);
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(groups).containsExactly(List.of(1L));
    }

    @Test
    void whileAClaimGathersSendersItCarriesTheSendsTheProviderTookAndTheOthersAreRecordedHere() {
        recording(100);
        Recording.Claimed claim = recording.claimed(3, LEASE_ENDS);
        recording.claimGathering();
        accepted(claim, 1);
        returned(claim, 2);
        accepted(claim, 3);

        Recording.Carried carried = recording.carry(10);
        assertThat(groups).as("left to the claim, for an hour if need be").isEmpty();
        recording.claimGathered();

        assertThat(carried.leases()).extracting(Lease::id).containsExactly(1L, 3L);
        recording.carriedRecorded(carried, Map.of(MessageStatus.SENT, 2));
        claim.awaitRecorded();
        assertThat(groups).containsExactly(List.of(2L));
        assertThat(afterRecorded).containsExactlyInAnyOrder(Map.of(MessageStatus.SENT, 2),
                Map.of(MessageStatus.QUEUED, 1));
        assertThat(settled).as("the carried rows' places went with the claim").containsExactly(2L);
    }

    @Test
    void sendsAClaimLeftOrGaveBackAreRecordedHere() throws InterruptedException {
        recording(100);
        Recording.Claimed claim = recording.claimed(2, LEASE_ENDS);
        recording.claimGathering();
        accepted(claim, 1);
        accepted(claim, 2);
        Recording.Carried carried = recording.carry(1);
        recording.claimGathered();
        assertThat(nextGroup()).as("the one it left").containsExactly(2L);

        recording.carriedBack(carried);

        claim.awaitRecorded();
        assertThat(groups).containsExactly(List.of(1L));
        assertThat(settled).containsExactly(2L, 1L);
    }

    /** The provider took the sends of these rows: what a claim may carry. */
    private void accepted(Recording.Claimed claim, long... ids) {
        for (long id : ids) {
            recording.returned(claim, lease(id), new Attempt.Answered(lease(id), SendResult.accepted("p-" + id), NOW));
        }
    }

    /** The sends of these rows returned, in this order: each found its window closed, the simplest attempt. */
    private void returned(Recording.Claimed claim, long... ids) {
        for (long id : ids) {
            recording.returned(claim, lease(id), new Attempt.WindowClosed(lease(id), NOW.plusSeconds(3_600)));
        }
    }

    private List<Long> nextGroup() throws InterruptedException {
        List<Long> group = groups.poll(10, TimeUnit.SECONDS);
        assertThat(group).as("a group within 10 s (they wait an hour)").isNotNull();
        return group;
    }

    private static Lease lease(long id) {
        DueRow row = new DueRow(id, StoreId.of("s"), MessageKind.TEST, "+5511987654321", "Loja: oi", "GSM_7", 1, 0, 1,
                NOW, NOW);
        return new Lease(row, null, NOW.plusSeconds(60), 1, 1);
    }
}
