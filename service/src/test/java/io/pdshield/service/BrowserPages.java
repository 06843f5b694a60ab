package io.pdshield.service;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** Page navigation for the browser tests. */
final class BrowserPages {
    private BrowserPages() {
    }

    /**
     * Clicks something that loads a new page and waits until it has: until the old page's root
     * element is gone. Chromium reports a gone element either as stale or, when the old document is
     * torn down mid-question, as "Node with given id does not belong to the document"; both mean the
     * new page is there (Selenium's stalenessOf knows only the first).
     */
    static void go(WebDriver driver, By by) {
        WebElement html = driver.findElement(By.tagName("html"));
        driver.findElement(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                html.isEnabled();
                return false;
            } catch (WebDriverException gone) { // StaleElementReferenceException or the teardown race
                return true;
            }
        });
    }
}
