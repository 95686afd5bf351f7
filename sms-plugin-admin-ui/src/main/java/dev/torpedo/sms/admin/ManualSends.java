package dev.torpedo.sms.admin;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message a merchant asks for by hand ("Testar", the order page): recorded through the engine's hook, with its
 * rules, in one transaction that also notes who asked. A send that the hook skips (a veto, the number opted out)
 * leaves nothing behind.
 */
public final class ManualSends {

    private final TorpedoSmsHook hook;
    private final MessageRepository messages;
    private final TransactionTemplate tx;

    public ManualSends(TorpedoSmsHook hook, MessageRepository messages, TransactionTemplate tx) {
        this.hook = Objects.requireNonNull(hook, "hook");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.tx = Objects.requireNonNull(tx, "transactions");
    }

    /**
     * Records the message {@code composition} makes, under {@code key}, as asked by {@code user}. The composition
     * runs inside the hook, which turns a failure of it (an extension handler's bug) into a rejected message.
     *
     * @param check asked of a composed message before it is recorded; a non-null answer stops the send, recording
     *              nothing, and is returned
     */
    public <T> Sent<T> send(AdminUser user, MessageKind kind, String key, TemplateKey template,
                            Supplier<Composition> composition, Function<Composition.Composed, T> check) {
        return tx.execute(status -> {
            AtomicReference<T> stop = new AtomicReference<>();
            HookResult result = hook.manual(kind, user.store(), key, template, () -> {
                Composition made = composition.get();
                if (made instanceof Composition.Composed composed) {
                    stop.set(check.apply(composed));
                    if (stop.get() != null) {
                        return new Composition.Skipped("refused");
                    }
                }
                return made;
            });
            switch (result.outcome()) {
                case QUEUED -> messages.recordRequester(user.store(), key, user.name());
                case SKIPPED -> status.setRollbackOnly();
                default -> { }
            }
            return new Sent<>(result, stop.get());
        });
    }

    /** What {@link #send} did: the hook's answer, or what stopped it before. */
    public record Sent<T>(HookResult result, T stoppedBy) {
    }
}
