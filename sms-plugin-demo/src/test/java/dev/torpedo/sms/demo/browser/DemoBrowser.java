package dev.torpedo.sms.demo.browser;

import dev.torpedo.sms.demo.DemoLogins;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One person's browser on the demo: a real Chromium, with the few gestures the journeys need (open a page, fill
 * a field, press a button by its words, wait for something to show) and the page's text to check.
 */
public final class DemoBrowser implements AutoCloseable {

    /** How long a journey waits for the dispatcher, the carrier or the phone's refresh. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String base;
    private final ChromeDriver driver;

    public DemoBrowser(int port, int width) {
        this.base = "http://localhost:" + port;
        this.driver = Chromium.start(width, 900);
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** The path of the page shown, without the query. */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    public void logIn(String user) {
        open("/entrar");
        fill("username", user);
        fill("password", DemoLogins.passwordOf(user));
        press("Entrar");
    }

    public void logOut() {
        press("Sair");
    }

    public void fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Sets a field the way a date picker would: some inputs take no typing. */
    public void set(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id,
                value);
    }

    public void choose(String selectId, String value) {
        new Select(driver.findElement(By.id(selectId))).selectByValue(value);
    }

    public void tick(String id) {
        WebElement box = driver.findElement(By.id(id));
        if (!box.isSelected()) {
            box.click();
        }
    }

    public void untick(String id) {
        WebElement box = driver.findElement(By.id(id));
        if (box.isSelected()) {
            box.click();
        }
    }

    /** Presses the (first visible) button or link whose words are exactly {@code words}, and waits for the next page. */
    public void press(String words) {
        press(By.xpath("//button[normalize-space()=" + literal(words) + "] | //a[normalize-space()=" + literal(words)
                + "]"));
    }

    /** Presses the first visible element {@code target} finds, and waits for the page it leads to. */
    public void press(By target) {
        WebElement page = driver.findElement(By.tagName("html"));
        visible(target).click();
        waitUntil("the next page", () -> isStale(page)
                && "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /** Presses an element whose script answers in the page itself (no next page). */
    public void pressInPage(By target) {
        visible(target).click();
    }

    private WebElement visible(By target) {
        return driver.findElements(target).stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError("Nothing to press: " + target + " on " + path()));
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException gone) {
            // Chromium's driver may say "does not belong to the document" instead: the same thing.
            return true;
        }
    }

    public void runScript(String script, Object... args) {
        ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The text of the whole page, as a person reads it. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /**
     * The rendered text of every element {@code css} matches, read in one step on the page's own thread: a page
     * that refreshes itself (the phone) cannot replace them between finding them and reading them.
     */
    public List<String> texts(String css) {
        Object texts = ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText.trim());", css);
        return ((List<?>) texts).stream().map(String::valueOf).toList();
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String attribute(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getAttribute(name);
    }

    /** Waits, without reloading, until {@code condition} holds: a page that refreshes itself. */
    public void waitUntil(String what, Supplier<Boolean> condition) {
        try {
            // An element the page replaced while the condition read it is read again at the next poll.
            new WebDriverWait(driver, PATIENCE, Duration.ofMillis(200))
                    .ignoring(StaleElementReferenceException.class).until(d -> condition.get());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Waited " + PATIENCE.toSeconds() + " s for " + what + " on " + path()
                    + "; the page says:\n" + pageText());
        }
    }

    /** Reloads {@code path} until {@code condition} holds: a page that shows what the background did. */
    public void reloadUntil(String path, String what, Supplier<Boolean> condition) {
        waitUntil(what, () -> {
            open(path);
            return condition.get();
        });
    }

    /** How wide the page is: wider than the window means a horizontal scroll. */
    public long pageWidth() {
        return ((Number) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);")).longValue();
    }

    public void screenshot(Path file) {
        Chromium.screenshot(driver, file);
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
