package io.pdshield.service;

import io.pdshield.ingest.Post;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subject portal in real headless Chromium: watch a phone, confirm it by code, see the alerts, file a request, give and withdraw consent. */
class PortalBrowserTest {
    static Path tmp;
    static Service service;
    static WebDriver driver;
    static String base, subject, analyst;
    static final List<String> codes = new CopyOnWriteArrayList<>();
    static final Path shots = Path.of("target", "screenshots");

    @BeforeAll
    static void start() throws Exception {
        File chromium = new File("/usr/bin/chromium"), chromedriver = new File("/usr/bin/chromedriver");
        boolean present = chromium.canExecute() && chromedriver.canExecute();
        if (!present && System.getenv("PDSHIELD_REQUIRE_BROWSER") != null) throw new AssertionError("PDSHIELD_REQUIRE_BROWSER is set but Chromium is missing");
        Assumptions.assumeTrue(present, "no /usr/bin/chromium + /usr/bin/chromedriver: browser tests skipped");
        tmp = Files.createTempDirectory("pdshield-portal");
        service = Service.open(Backend.H2.config(tmp), Clock.SYSTEM);
        service.subjects().codeSender((kind, dest, masked, code) -> codes.add(code));
        base = "http://127.0.0.1:" + service.start();
        subject = service.tokens().create(Role.SUBJECT, "Анна").token();
        analyst = service.tokens().create(Role.ANALYST, "a").token();
        // everything but the posts carrying the victim's number: those arrive after the subject watches it
        var victim = SubjectPortalTest.victimPhone().getValue();
        service.ingestor().ingest(SubjectPortalTest.POSTS.stream().filter(p -> !victim.contains(p.sourceId() + "/" + p.messageId())).toList(),
                service.tokens().authenticate(analyst), "test");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + tmp.resolve("chrome"), "--lang=en-US");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build(), o);
        Files.createDirectories(shots);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (service != null) service.close();
    }

    static void go(By by) {
        BrowserPages.go(driver, by);
    }

    static void shot(String name) throws Exception {
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aSubjectWatchesTheirPhoneFilesARequestAndManagesConsent() throws Exception {
        Map.Entry<String, java.util.Set<String>> victim = SubjectPortalTest.victimPhone();
        driver.get(base + "/login?lang=en");
        driver.findElement(By.id("token")).sendKeys(subject);
        go(By.id("login-submit"));
        assertTrue(driver.getCurrentUrl().endsWith("/portal"), driver.getCurrentUrl());

        new Select(driver.findElement(By.id("kind"))).selectByValue("PHONE");
        driver.findElement(By.id("value")).sendKeys(SubjectPortalTest.typed(victim.getKey()));
        go(By.id("register-submit"));
        WebElement row = driver.findElement(By.cssSelector("#identifiers tr[data-id]"));
        assertEquals("waiting for the code", row.findElement(By.className("state")).getText());
        assertFalse(driver.getPageSource().contains(victim.getKey().substring(6)), "only the masked number is shown");
        assertEquals(1, codes.size());
        row.findElement(By.name("code")).sendKeys(codes.get(0));
        go(By.cssSelector("form.verify button"));
        assertEquals("confirmed", driver.findElement(By.cssSelector("#identifiers tr[data-id] .state")).getText());
        assertTrue(driver.findElements(By.cssSelector("#alerts tr td.context")).isEmpty(), "no post carries the number yet");
        // the doxxing posts with the number are ingested now: the alerts appear
        service.ingestor().ingest(SubjectPortalTest.POSTS.stream().filter(p -> victim.getValue().contains(p.sourceId() + "/" + p.messageId())).toList(),
                service.tokens().authenticate(analyst), "test");
        driver.navigate().refresh();
        List<WebElement> alerts = driver.findElements(By.cssSelector("#alerts tr td.context"));
        assertEquals(victim.getValue().size(), alerts.size(), "an alert per post carrying the number");
        for (WebElement a : alerts) assertFalse(a.getText().contains(victim.getKey().substring(6)), a.getText());
        shot("portal");

        // the console is not for subjects
        driver.get(base + "/queue");
        assertTrue(driver.getCurrentUrl().endsWith("/portal"));

        driver.get(base + "/portal/requests");
        driver.findElement(By.id("full_name")).sendKeys("Сидорова Анна Викторовна");
        driver.findElement(By.id("contacts")).sendKeys("anna.s@example.org");
        go(By.id("request-submit"));
        WebElement req = driver.findElement(By.cssSelector("article.request"));
        assertEquals("in progress", req.findElement(By.className("request-status")).getText());
        assertTrue(req.findElement(By.className("countdown")).getText().matches("\\d+d \\d\\dh \\d\\dm \\d\\ds"), "a live countdown to the deadline");
        assertFalse(req.findElements(By.cssSelector("form.evidence")).isEmpty(), "an evidence package per case");
        assertFalse(driver.getPageSource().contains("Сидорова"), "the requester's name is not echoed back");
        shot("portal-requests");

        driver.get(base + "/portal/consents");
        driver.findElement(By.id("operator")).sendKeys("ООО Ромашка");
        driver.findElement(By.id("items")).sendKeys("phone, full name");
        driver.findElement(By.id("prohibitions")).sendKeys("address");
        go(By.id("consent-submit"));
        assertEquals("in force", driver.findElement(By.cssSelector("#consents tr[data-consent] .consent-state")).getText());
        go(By.cssSelector("#consents button.withdraw"));
        assertTrue(driver.findElement(By.cssSelector("#consents tr[data-consent] .consent-state")).getText().startsWith("withdrawn"));
        shot("portal-consents");
        driver.get(base + "/portal?lang=ru");
        assertEquals("Мои данные", driver.findElement(By.tagName("h1")).getText());
        go(By.id("logout"));

        // an analyst is refused the portal
        driver.get(base + "/login?lang=en");
        driver.findElement(By.id("token")).sendKeys(analyst);
        go(By.id("login-submit"));
        driver.get(base + "/portal");
        assertTrue(driver.findElement(By.id("refused")).getText().contains("role"));
    }
}
