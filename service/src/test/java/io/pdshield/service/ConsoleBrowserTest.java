package io.pdshield.service;

import io.pdshield.ingest.Post;
import io.pdshield.testkit.Corpus;
import io.pdshield.testkit.Label;
import io.pdshield.testkit.SourceInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyst console in a real headless Chromium (Debian's chromium + chromium-driver): login,
 * queue, a source, a case, a status change, unmask refused for an analyst and granted to a reviewer
 * with a reason, hostile post text rendered inert, both languages. Screenshots of every page go to
 * {@code target/screenshots}. Without Chromium the test is skipped, unless PDSHIELD_REQUIRE_BROWSER
 * is set (CI sets it, after installing Chromium).
 */
class ConsoleBrowserTest {
    static final String HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> Слив: тел. +7 916 222-33-44";
    static final String HOSTILE_NAME = "<b onmouseover=\"window.__pwned=3\">Слив баз</b>";
    static Path tmp;
    static Service service;
    static WebDriver driver;
    static String base, analyst, reviewer;
    static SourceInfo target;
    static Path shots = Path.of("target", "screenshots");

    @BeforeAll
    static void start() throws Exception {
        File chromium = new File("/usr/bin/chromium"), chromedriver = new File("/usr/bin/chromedriver");
        boolean present = chromium.canExecute() && chromedriver.canExecute();
        if (!present && System.getenv("PDSHIELD_REQUIRE_BROWSER") != null) {
            throw new AssertionError("PDSHIELD_REQUIRE_BROWSER is set but /usr/bin/chromium or /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no /usr/bin/chromium + /usr/bin/chromedriver: browser tests skipped (apt-get install chromium chromium-driver)");
        tmp = Files.createTempDirectory("pdshield-console");
        service = Service.open(Backend.H2.config(tmp), Clock.SYSTEM);
        base = "http://127.0.0.1:" + service.start();
        analyst = service.tokens().create(Role.ANALYST, "Анна Аналитик").token();
        reviewer = service.tokens().create(Role.REVIEWER, "Роман Проверяющий").token();
        Corpus corpus = Posts.corpus(31337, 10, 40);
        List<Post> posts = new ArrayList<>(Posts.of(corpus));
        target = corpus.sources().stream().map(s -> s.info()).filter(i -> i.label() == Label.DOXXING && i.cloneOf() == null).findFirst().orElseThrow();
        Post any = posts.stream().filter(p -> p.sourceId().equals(target.id())).findFirst().orElseThrow();
        posts.add(new Post(any.platform(), any.sourceId(), HOSTILE_NAME, any.sourceType(), 999_999, any.date(), null, null, HOSTILE, List.of(), false));
        service.ingestor().ingest(posts, service.tokens().authenticate(analyst), "test");

        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1100",
                "--user-data-dir=" + tmp.resolve("chrome"), "--lang=en-US");
        ChromeDriverService ds = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        driver = new ChromeDriver(ds, o);
        Files.createDirectories(shots);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (service != null) service.close();
    }

    static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static void login(String token) {
        driver.get(base + "/login?lang=en");
        driver.findElement(By.id("token")).sendKeys(token);
        go(By.id("login-submit"));
    }

    /** Clicks something that loads a new page and waits until it has. */
    static void go(By by) {
        BrowserPages.go(driver, by);
    }

    static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    @Test
    void analystAndReviewerWorkACaseThroughTheConsole() throws Exception {
        // login: a wrong token is refused, an analyst's opens the dashboard
        login("pds_wrong_token");
        assertEquals("Unknown or revoked token.", driver.findElement(By.id("login-error")).getText());
        shot("login");
        login(analyst);
        assertTrue(driver.findElement(By.id("whoami")).getText().contains("analyst"));
        assertFalse(driver.findElements(By.cssSelector("#per-day rect")).isEmpty(), () -> "the findings-per-day chart has bars: " + driver.getPageSource());
        shot("dashboard");

        // the queue: flagged sources ranked by risk; the hostile source name is text
        driver.get(base + "/queue");
        List<WebElement> rows = driver.findElements(By.cssSelector("#queue tr[data-source]"));
        long flagged = service.queries().ranked(null, 1000, 0).size();
        assertEquals(flagged, rows.size());
        List<Double> risks = new ArrayList<>();
        for (WebElement r : rows) risks.add(Double.parseDouble(r.findElements(By.tagName("td")).get(1).getText()));
        for (int i = 1; i < risks.size(); i++) assertTrue(risks.get(i) <= risks.get(i - 1), "ranked by risk: " + risks);
        driver.findElement(By.linkText(HOSTILE_NAME));
        shot("queue");
        // bulk: open cases for every selected source that has none active
        long without = service.queries().ranked(null, 1000, 0).stream()
                .filter(s -> service.cases().list(null, s.id(), 10, 0).isEmpty()).count();
        for (WebElement box : driver.findElements(By.cssSelector("#queue input[name=source]"))) box.click();
        go(By.id("bulk-open"));
        assertEquals(without + " case(s) opened.", driver.findElement(By.id("opened")).getText());
        assertTrue(service.queries().ranked(null, 1000, 0).stream().noneMatch(s -> service.cases().list(null, s.id(), 10, 0).isEmpty()),
                "every flagged source has an active case now");
        go(By.linkText(HOSTILE_NAME));

        // the source page: masked posts with highlights; the hostile post is inert text
        assertEquals(HOSTILE_NAME, driver.findElement(By.id("source-name")).getText());
        assertNull(js("return window.__pwned;"), "no script from a post ran");
        assertTrue(driver.findElements(By.tagName("img")).isEmpty(), "a post's <img> is text, not an element");
        WebElement hostile = driver.findElement(By.cssSelector("article.post[data-message='999999'] .post-text"));
        assertTrue(hostile.getText().startsWith("<script>window.__pwned=1</script><img src=x"), hostile.getText());
        assertFalse(hostile.getText().contains("222-33-44"), "the phone is masked");
        WebElement mark = hostile.findElement(By.tagName("mark"));
        assertEquals("PHONE", mark.getAttribute("data-kind"));
        assertTrue(mark.getAttribute("title").contains("phone"), "the highlight explains itself: " + mark.getAttribute("title"));
        assertFalse(driver.findElements(By.cssSelector("#reasons li")).isEmpty());
        assertFalse(driver.findElements(By.cssSelector("#timeline rect")).isEmpty(), "timeline chart");
        assertFalse(driver.findElements(By.cssSelector("#clone-graph .node")).isEmpty(), "the corpus has clones of this original: clone graph");
        shot("source");

        // a case: open, notify, note; unmask refused for the analyst
        driver.findElement(By.cssSelector("#open-case input[name=reason]")).sendKeys("канал публикует досье, тел. +7 916 222-33-44");
        go(By.id("open-case-button"));
        assertEquals("open", driver.findElement(By.id("case-status")).getText());
        String caseUrl = driver.getCurrentUrl();
        go(By.id("to-notified"));
        assertEquals("notified", driver.findElement(By.id("case-status")).getText());
        driver.findElement(By.id("note")).sendKeys("владелец канала уведомлён");
        go(By.id("add-note"));
        String events = driver.findElement(By.id("events")).getText();
        assertTrue(events.contains("владелец канала уведомлён") && events.contains("notified"), events);
        assertFalse(driver.getPageSource().contains("222-33-44"), "the case reason is stored masked");
        assertTrue(driver.findElement(By.id("countdown")).getText().matches("-?\\d+d \\d\\dh \\d\\dm \\d\\ds"), "a live countdown");
        shot("case");
        new Select(driver.findElement(By.id("unmask-post"))).selectByVisibleText("#999999");
        driver.findElement(By.id("unmask-reason")).sendKeys("запрос суда № 2-1234/2026");
        go(By.id("unmask-submit"));
        assertTrue(driver.findElement(By.id("refused")).getText().contains("reviewer"), driver.findElement(By.id("refused")).getText());
        shot("unmask-refused");
        go(By.id("logout"));

        // the reviewer: no status buttons (the role decides), unmask with a reason shows the clear text
        login(reviewer);
        driver.get(caseUrl);
        assertTrue(driver.findElements(By.id("status-actions")).isEmpty(), "reviewers do not change case status");
        new Select(driver.findElement(By.id("unmask-post"))).selectByVisibleText("#999999");
        driver.findElement(By.id("unmask-reason")).sendKeys("запрос суда № 2-1234/2026");
        go(By.id("unmask-submit"));
        assertEquals(HOSTILE, driver.findElement(By.id("unmasked")).getText());
        assertNull(js("return window.__pwned;"), "the clear hostile text is inert too");
        String audit = driver.findElement(By.id("audit")).getText();
        assertTrue(audit.contains("case.unmask") && audit.contains("case.status"), audit);
        shot("unmask-reviewer");
        var entries = service.audit().query(null, "unmask", null, 0, 10);
        assertEquals(1, entries.size());
        assertTrue(entries.get(0).detail().contains("запрос суда № 2-1234/2026"));
        assertEquals(1, service.audit().query(null, "unmask.refused", null, 0, 10).size());

        // Russian interface
        driver.get(base + "/queue?lang=ru");
        assertEquals("Очередь блокировок", driver.findElement(By.tagName("h1")).getText());
        shot("queue-ru");
        driver.get(base + "/?lang=en");
    }
}
