package dev.torpedo.sms.api.extension;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SmsExtensionManagerTest {

    private final List<String> calls = new ArrayList<>();

    private SmsExtensionHandler handler(String name, int priority, boolean enabled, ExtensionResultStatus status) {
        return new SmsExtensionHandler() {
            @Override
            public int getPriority() {
                return priority;
            }

            @Override
            public boolean isEnabled() {
                return enabled;
            }

            @Override
            public ExtensionResultStatus prepareMessage(MessageDraft draft) {
                calls.add(name);
                return status;
            }
        };
    }

    private ExtensionResultStatus run(SmsExtensionManager manager) {
        return manager.execute(h -> h.prepareMessage(null));
    }

    @Test
    void handlersRunInAscendingPriorityAndEqualPrioritiesInRegistrationOrder() {
        SmsExtensionManager manager = new SmsExtensionManager();
        manager.register(handler("late", 100, true, ExtensionResultStatus.NOT_HANDLED));
        manager.register(handler("first", -5, true, ExtensionResultStatus.HANDLED_CONTINUE));
        manager.register(handler("second", 0, true, ExtensionResultStatus.NOT_HANDLED));
        manager.register(handler("third", 0, true, ExtensionResultStatus.NOT_HANDLED));

        assertThat(run(manager)).isEqualTo(ExtensionResultStatus.HANDLED);
        assertThat(calls).containsExactly("first", "second", "third", "late");
    }

    @Test
    void handledStopEndsTheRun() {
        SmsExtensionManager manager = new SmsExtensionManager(true);
        manager.register(handler("a", 1, true, ExtensionResultStatus.HANDLED_CONTINUE));
        manager.register(handler("b", 2, true, ExtensionResultStatus.HANDLED_STOP));
        manager.register(handler("c", 3, true, ExtensionResultStatus.HANDLED));

        assertThat(run(manager)).isEqualTo(ExtensionResultStatus.HANDLED_STOP);
        assertThat(calls).containsExactly("a", "b");
    }

    @Test
    void handledStopsOnlyWhenTheManagerDoesNotContinueOnHandled() {
        SmsExtensionManager stops = new SmsExtensionManager();
        stops.register(handler("a", 1, true, ExtensionResultStatus.HANDLED));
        stops.register(handler("b", 2, true, ExtensionResultStatus.HANDLED));
        assertThat(run(stops)).isEqualTo(ExtensionResultStatus.HANDLED);
        assertThat(calls).containsExactly("a");

        calls.clear();
        SmsExtensionManager continues = new SmsExtensionManager(true);
        continues.register(handler("a", 1, true, ExtensionResultStatus.HANDLED));
        continues.register(handler("b", 2, true, ExtensionResultStatus.HANDLED));
        assertThat(run(continues)).isEqualTo(ExtensionResultStatus.HANDLED);
        assertThat(calls).containsExactly("a", "b");
    }

    @Test
    void disabledHandlersAreNotCalledAndNothingHandledSaysSo() {
        SmsExtensionManager manager = new SmsExtensionManager();
        manager.register(handler("off", 1, false, ExtensionResultStatus.HANDLED_STOP));
        manager.register(handler("idle", 2, true, ExtensionResultStatus.NOT_HANDLED));

        assertThat(run(manager)).isEqualTo(ExtensionResultStatus.NOT_HANDLED);
        assertThat(calls).containsExactly("idle");
    }

    @Test
    void unregisteredHandlersNoLongerRun() {
        SmsExtensionManager manager = new SmsExtensionManager();
        SmsExtensionHandler gone = handler("gone", 1, true, ExtensionResultStatus.NOT_HANDLED);
        manager.register(gone);

        assertThat(manager.unregister(gone)).isTrue();
        assertThat(run(manager)).isEqualTo(ExtensionResultStatus.NOT_HANDLED);
        assertThat(calls).isEmpty();
    }

    @Test
    void concurrentRegistrationLosesNoHandlerAndKeepsPriorityOrder() throws InterruptedException {
        SmsExtensionManager manager = new SmsExtensionManager();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 400; i++) {
            int priority = i % 37;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                manager.register(new SmsExtensionHandler() {
                    @Override
                    public int getPriority() {
                        return priority;
                    }
                });
                manager.execute(h -> ExtensionResultStatus.NOT_HANDLED);
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(manager.handlers()).hasSize(400)
                .isSortedAccordingTo((a, b) -> Integer.compare(a.getPriority(), b.getPriority()));
    }

    @Test
    void aDraftTakesVariablesRecipientChangesAndVetoes() {
        MessageDraft draft = new MessageDraft(dev.torpedo.sms.api.StoreId.of("1"),
                dev.torpedo.sms.api.TemplateKey.ORDER_RECEIVED, "event", "11912345678", java.util.Map.of("a", "1"));

        draft.putVariable("couponCode", "VOLTE10");
        draft.changeRecipient("21987654321");
        draft.veto(" ");

        assertThat(draft.variables()).containsEntry("a", "1").containsEntry("couponCode", "VOLTE10");
        assertThat(draft.recipient()).isEqualTo("21987654321");
        assertThat(draft.vetoReason()).contains("vetoed");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> draft.putVariable("${x}", "y"));
    }
}
