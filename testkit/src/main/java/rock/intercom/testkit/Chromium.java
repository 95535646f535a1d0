package rock.intercom.testkit;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven by Playwright, never a downloaded browser. Playwright's driver
 * and Chromium are child processes: {@link #close()} ends both, and a JVM shutdown hook does so
 * should the test JVM exit without it.
 */
public final class Chromium implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;
    private final Thread killOnExit;

    private Chromium(Playwright playwright, Browser browser, List<ProcessHandle> driver) {
        this.playwright = playwright;
        this.browser = browser;
        this.killOnExit = new Thread(() -> driver.forEach(PeerShutdown::killTree), "kill-chromium");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts Playwright's driver and launches /usr/bin/chromium (or chromium-browser) headless. */
    public static Chromium launch() {
        Path executable = executable();
        Set<Long> before = children().map(ProcessHandle::pid).collect(Collectors.toSet());
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic")));
            // Playwright does not name its driver process: it is the child that appeared during create().
            List<ProcessHandle> driver = children().filter(p -> !before.contains(p.pid())).toList();
            return new Chromium(playwright, browser, driver);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** Debian's chromium; fails (never skips) when it is missing. */
    public static Path executable() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("browser tests need Debian's chromium: apt-get install -y chromium");
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
            PeerShutdown.dropKillOnExit(killOnExit);
        }
    }

    private static Stream<ProcessHandle> children() {
        return ProcessHandle.current().children();
    }
}
