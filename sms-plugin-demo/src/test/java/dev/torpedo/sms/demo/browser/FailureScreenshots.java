package dev.torpedo.sms.demo.browser;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Saves what each of the test's browsers showed when the test failed, under {@code target/browser-failures}. */
public final class FailureScreenshots implements TestWatcher {

    private final List<DemoBrowser> browsers = new ArrayList<>();

    /** Watches {@code browser} for this test. */
    public DemoBrowser watch(DemoBrowser browser) {
        browsers.add(browser);
        return browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        for (int i = 0; i < browsers.size(); i++) {
            try {
                browsers.get(i).screenshot(Path.of("target", "browser-failures", name + "-" + (i + 1) + ".png"));
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        closeAll();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        closeAll();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        closeAll();
    }

    private void closeAll() {
        browsers.forEach(DemoBrowser::close);
        browsers.clear();
    }
}
