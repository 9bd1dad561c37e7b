package dev.cluster.apps.common.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven through Debian's {@code
 * chromedriver}, for tests that do what a person does in a browser. Every name under {@code domain}
 * resolves to 127.0.0.1 inside this browser only ({@code --host-resolver-rules}), so the test's
 * front door answers for the cluster's real host names and nothing is looked up in DNS. Both
 * programs are found on the PATH: Selenium never downloads a driver or browser.
 */
public final class Chromium implements AutoCloseable {
  /**
   * A liveness bound for a page to load on a loaded 2-core machine, not an expectation of speed.
   */
  private static final Duration PAGE_LOADS_WITHIN = Duration.ofSeconds(120);

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path screenshots;

  private Chromium(ChromeDriverService service, ChromeDriver driver, Path screenshots) {
    this.service = service;
    this.driver = driver;
    this.screenshots = screenshots;
  }

  /**
   * Starts the browser; screenshots go to {@code screenshots} (created), e.g. the module's
   * target/screenshots.
   */
  public static Chromium start(String domain, Path screenshots) {
    Path browser = RequiredBinary.find("chromium", "chromium");
    Path chromedriver = RequiredBinary.find("chromedriver", "chromium-driver");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withLogFile(screenshots.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(browser.toFile())
            .addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,900",
                "--no-first-run",
                "--disable-background-networking",
                "--host-resolver-rules=MAP *."
                    + domain
                    + " 127.0.0.1, MAP "
                    + domain
                    + " 127.0.0.1, EXCLUDE localhost");
    try {
      Files.createDirectories(screenshots);
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(PAGE_LOADS_WITHIN);
      return new Chromium(service, driver, screenshots);
    } catch (IOException e) {
      service.stop();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  public void open(String url) {
    driver.get(url);
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  /**
   * Waits until the page satisfies {@code condition} (a liveness bound), e.g. until the sign-in
   * brought it back.
   */
  public void await(String what, Predicate<WebDriver> condition) {
    new WebDriverWait(driver, PAGE_LOADS_WITHIN)
        .withMessage(() -> what + "; the browser is at " + driver.getCurrentUrl())
        .until(condition::test);
  }

  /**
   * Saves what the browser shows as {@code name}.png beside the other screenshots, and returns the
   * file.
   */
  public Path screenshot(String name) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = screenshots.resolve(name + ".png");
    try {
      Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.delete(shot.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
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
