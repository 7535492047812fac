package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright (no browser download), shared by the dashboard's tests. Missing Chromium
 * fails in CI (CI set: .ci/run installs it) and skips with a message on a developer's machine.
 */
final class Browsers {

    static final String GATEWAY = "http://localhost:" + SystemStack.GATEWAY;
    static final Path SHOTS = Path.of("target/screenshots");
    private static Playwright playwright;
    private static Browser browser;

    private Browsers() {
    }

    static synchronized Browser chromium() {
        if (browser != null) {
            return browser;
        }
        Path chromium = Path.of(System.getenv().getOrDefault("OB_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            String how = "Chromium is missing at " + chromium + " (apt-get install -y chromium; .ci/run does it)";
            if (System.getenv("CI") != null) {
                fail(how);
            }
            Assumptions.abort("Skipping the browser tests on this machine: " + how);
        }
        try {
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            browser.close();
            playwright.close();
        }));
        return browser;
    }

    /** A phone-sized window: the dashboard must be usable there. */
    static BrowserContext phone() {
        return chromium().newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
    }

    /** Opens a dashboard path, logs in on Keycloak's own form (code flow + PKCE) and comes back to the gateway. */
    static Page login(BrowserContext context, String user, String path, String shot) {
        Page page = context.newPage();
        page.navigate(GATEWAY + path);
        page.waitForSelector("#username");
        if (shot != null) {
            screenshot(page, shot);
        }
        page.fill("#username", user);
        page.fill("#password", user);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(GATEWAY));
        return page;
    }

    /**
     * Opens a dashboard page and waits for what it must show. On a loaded two-core machine a downstream call may time
     * out and the dashboard then shows its "temporarily unavailable" page, as it should; a user would reload, and so
     * does this, twice at most, keeping a screenshot of each failed attempt.
     */
    static void open(Page page, String path, String selector) {
        for (int attempt = 1;; attempt++) {
            page.navigate(GATEWAY + path);
            try {
                page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(10_000));
                return;
            } catch (com.microsoft.playwright.TimeoutError e) {
                screenshot(page, "failed-attempt-" + attempt + "-" + path.replaceAll("[^A-Za-z0-9]+", "_"));
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
