package dev.torpedo.sms.api.extension;

import java.util.Optional;

/**
 * Carries a value a handler produces back to the plugin, as Broadleaf's holder does.
 *
 * @param <T> the type of the value
 */
public final class ExtensionResultHolder<T> {

    private T result;

    public Optional<T> getResult() {
        return Optional.ofNullable(result);
    }

    public void setResult(T result) {
        this.result = result;
    }
}
