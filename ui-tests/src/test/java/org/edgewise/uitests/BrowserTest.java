package org.edgewise.uitests;

import static com.codeborne.selenide.Selenide.closeWebDriver;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import com.codeborne.selenide.Configuration;
import com.codeborne.selenide.WebDriverRunner;

/** Headless Debian Chromium against the running Master; a new browser per test. */
public abstract class BrowserTest {

    protected static RunningMaster master;

    @BeforeAll
    static void startBrowserAndMaster() {
        System.setProperty("webdriver.chrome.driver", System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        Configuration.browser = "chrome";
        Configuration.browserBinary = System.getProperty("chromium", "/usr/bin/chromium");
        Configuration.headless = true;
        Configuration.timeout = 15_000;
        Configuration.reportsFolder = "target/selenide-reports";
        Configuration.downloadsFolder = "target/downloads";
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1366,900");
        // the browser's console, where it reports what the Content-Security-Policy blocked
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        Configuration.browserCapabilities = options;
        master = RunningMaster.get();
        Configuration.baseUrl = master.url();
    }

    @AfterEach
    void closeBrowser() {
        closeWebDriver();
    }

    /** What the browser reported blocking by the page's Content-Security-Policy since the last call. */
    protected static List<String> contentSecurityPolicyViolations() {
        return WebDriverRunner.getWebDriver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
