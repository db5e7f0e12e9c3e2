package city.alpr.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.MissingPrerequisite;

/**
 * The machine's own headless Chromium (Debian's package), driven by Playwright, which downloads no browser of its
 * own. Each person gets a context of their own, as a separate browser profile; every page can be kept as a
 * screenshot in {@code target/console-screenshots}.
 */
final class ConsoleBrowser implements AutoCloseable {

    /** Without these, Chromium keeps calling out to Google's services, which this closed network refuses. */
    private static final List<String> QUIET_HEADLESS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;
    private final String consoleUrl;
    private final Path screenshots;

    private ConsoleBrowser(Playwright playwright, Browser browser, String consoleUrl, Path screenshots) {
        this.playwright = playwright;
        this.browser = browser;
        this.consoleUrl = consoleUrl;
        this.screenshots = screenshots;
    }

    /**
     * Starts Chromium from {@code alpr.chromium} (default {@code /usr/bin/chromium}). Where it is not installed the
     * tests are skipped, visibly, unless the {@code CI} environment variable is set: then they fail.
     */
    static ConsoleBrowser launch(RunningSystem system) throws Exception {
        String consoleUrl = system.console.url();
        Path screenshots = system.root.resolve("system-tests/target/console-screenshots");
        Path chromium = Path.of(System.getProperty("alpr.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            MissingPrerequisite.report(chromium + " is not installed (Debian: apt-get install chromium), so the web"
                    + " console's browser tests cannot run");
        }
        Files.createDirectories(screenshots);
        // an assertion waits as long as an action does (Playwright's default is 5 s): the page, the services,
        // PostgreSQL and Keycloak share two cores here
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        // the driver and Chromium keep their profiles and downloads in TMPDIR: the test JVM's, in target
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "TMPDIR", System.getProperty("java.io.tmpdir"))));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setArgs(QUIET_HEADLESS));
        return new ConsoleBrowser(playwright, browser, consoleUrl, screenshots);
    }

    /** A fresh browser profile on the console's public landing page, nobody signed in. */
    Page visitor() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true)
                .setViewportSize(1280, 900));
        context.setDefaultTimeout(20_000);
        Page page = context.newPage();
        // the page's own errors go to the test output, where a failure is diagnosed
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                System.out.println("browser console: " + message.text());
            }
        });
        page.onPageError(error -> System.out.println("browser page error: " + error));
        page.navigate(consoleUrl + "/");
        page.locator("main[data-page]").waitFor();
        return page;
    }

    /** A fresh browser profile signed in through Keycloak's own sign-in page, as a person does it. */
    Page signedIn(String username, String password) {
        Page page = visitor();
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).first().click();
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
        try {
            page.getByTestId("signed-in-as").waitFor();
            page.locator("main[data-page]").waitFor();
        } catch (RuntimeException notSignedIn) {
            screenshot(page, "sign-in-failed-" + username);
            throw notSignedIn;
        }
        return page;
    }

    /**
     * Opens a page of the console by its route, e.g. {@code search}, and waits until it has rendered. The page on
     * screen is forgotten first, so that the wait is for the page asked for even where it is the one on screen.
     */
    static void open(Page page, String route) {
        String target = page.url().replaceFirst("#.*$", "") + "#/" + route;
        if (!page.url().equals(target)) {
            page.evaluate("document.querySelector('main').removeAttribute('data-page')");
            page.navigate(target);
        }
        page.locator("main[data-page='" + route + "']").waitFor();
    }

    /** Answers the purpose prompt on screen: a purpose from the policy, and a case number unless it is null. */
    static void statePurpose(Page page, String purpose, String caseNumber) {
        Locator prompt = page.getByTestId("purpose-prompt");
        prompt.locator("select[name=purpose]").selectOption(purpose);
        if (caseNumber != null) {
            prompt.locator("input[name=caseNumber]").fill(caseNumber);
        }
        prompt.getByRole(AriaRole.BUTTON).click();
    }

    /** Searches the reads of one plate, exactly, over the search form's default period. */
    static void searchPlate(Page page, String plate) {
        Locator form = page.getByTestId("search-form");
        form.locator("input[name=plate]").fill(plate);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Search")).click();
    }

    /**
     * Searches the access log on screen by the form's fields ({@code username}, {@code action}, {@code caseNumber}
     * …).
     *
     * @return the records found
     */
    static Locator searchLog(Page page, Map<String, String> criteria) {
        Locator search = page.getByTestId("log-search");
        criteria.forEach((field, value) -> search.locator("input[name=" + field + "]").fill(value));
        search.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Search the log")).click();
        return page.getByTestId("log-records");
    }

    void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
