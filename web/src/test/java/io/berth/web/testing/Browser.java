package io.berth.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.berth.core.testing.TempDirs;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium driven by Debian's chromedriver, with a fresh profile; one per test class. */
public final class Browser implements AutoCloseable {
  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  public Browser(String base) {
    this.base = base;
    try {
      profile = Files.createTempDirectory("berth-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
        "--window-size=1400,1000", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public WebDriverWait waitUpTo(Duration d) {
    WebDriverWait w = new WebDriverWait(driver, d, Duration.ofMillis(50));
    // htmx and SSE swap elements while we look at them
    w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return w;
  }

  public void login(String login, String password) {
    driver.manage().deleteAllCookies();
    open("/login");
    find("#login").sendKeys(login);
    find("#password").sendKeys(password);
    find("#sign-in").click();
    waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/containers"));
  }

  /** Writes a screenshot to docs/screenshots/NAME.png at the repository root. */
  public void screenshot(String name) {
    Path dir = Path.of("..", "docs", "screenshots").toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      TempDirs.deleteRecursively(profile);
    }
  }
}
