package dev.hearth.core.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its own chromedriver (Selenium Manager never runs), with
 * every background connection off and DNS pinned to loopback (../shared/TESTING.md).
 */
public final class HeadlessChromium implements AutoCloseable {
    private final ChromeDriverService service;
    private final WebDriver driver;

    public HeadlessChromium(Path tmp, int width, int height) throws IOException {
        for (String exe : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            if (!Files.isExecutable(Path.of(exe))) {
                throw new IllegalStateException(exe + " is missing: ./hearth test installs it (apt-get install chromium chromium-driver)");
            }
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
                "--window-size=" + width + "," + height, "--user-data-dir=" + tmp.resolve("profile"));
        Files.createDirectories(Path.of("target"));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .withEnvironment(Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg-config").toString(),
                        "XDG_CACHE_HOME", tmp.resolve("xdg-cache").toString()))
                .build();
        driver = new ChromeDriver(service, o);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves a PNG screenshot under target/screenshots (a test artifact) and returns its path. */
    public Path screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
