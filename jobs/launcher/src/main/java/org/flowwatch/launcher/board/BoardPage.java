package org.flowwatch.launcher.board;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One dashboard of the board in a browser, read the way a person reads it: which panels are drawn, what each mark
 * says (Vega-Lite's ARIA description of every bar, point and slice: "travellers: 170; day: today"), the rows of a
 * table, the controls. Used by the browser tests and by the screenshot command.
 */
public final class BoardPage {
  private final WebDriver driver;
  private final Duration deadline;

  public BoardPage(WebDriver driver, Duration deadline) {
    this.driver = driver;
    this.deadline = deadline;
  }

  /** Opens a dashboard and waits until every panel has been drawn or has failed. */
  public BoardPage open(String url) {
    driver.get(url);
    return awaitRendered(0);
  }

  /** Waits until the page has finished the refresh after {@code afterGeneration} (0: the first one). */
  public BoardPage awaitRendered(long afterGeneration) {
    new WebDriverWait(driver, deadline).until(page -> {
      Object state = script("return [document.body.dataset.state, document.body.dataset.generation];");
      List<?> values = (List<?>) state;
      // "error": the page itself could not start (no refresh will come); else a refresh newer than the one given.
      return "error".equals(values.get(0)) || "rendered".equals(values.get(0)) && values.get(1) != null
          && Long.parseLong(values.get(1).toString()) > afterGeneration;
    });
    return this;
  }

  public long generation() {
    return Long.parseLong(driver.findElement(By.tagName("body")).getAttribute("data-generation"));
  }

  /** Panel id to its state: rendered, error or loading. */
  public Map<String, String> panelStates() {
    Map<String, String> states = new LinkedHashMap<>();
    for (WebElement panel : driver.findElements(By.cssSelector("section.panel"))) {
      states.put(panel.getAttribute("data-panel"), panel.getAttribute("data-state"));
    }
    return states;
  }

  /** What Vega and Vega-Lite reported (warnings and errors) and what failed in the page's own code. */
  @SuppressWarnings("unchecked")
  public List<Map<String, String>> problems() {
    return (List<Map<String, String>>) script("return window.flowwatchBoard ? window.flowwatchBoard.errors : "
        + "[{panel: 'board', kind: 'error', message: 'the board script did not load'}];");
  }

  /** The ARIA descriptions of a Vega panel's marks, one per bar, point or slice drawn. */
  public List<String> marks(String panelId) {
    return driver.findElements(By.cssSelector("#panel-" + panelId + " svg [role='graphics-symbol'][aria-label]"
        + "[aria-roledescription]:not([aria-roledescription='axis']):not([aria-roledescription='legend'])"
        + ":not([aria-roledescription='title'])")).stream().map(mark -> mark.getAttribute("aria-label")).toList();
  }

  /** The rows of a table panel, each as its cells' text. */
  public List<List<String>> rows(String panelId) {
    return driver.findElements(By.cssSelector("#panel-" + panelId + " tbody tr")).stream()
        .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
  }

  /** Chooses a control's value (empty: all) and waits for the panels to be drawn again. */
  public BoardPage choose(String field, String value) {
    return select(By.cssSelector("select[data-control='" + field + "']"), value);
  }

  /** Chooses the time range (e.g. now-24h) and waits for the panels to be drawn again. */
  public BoardPage timeRange(String from) {
    return select(By.id("time-range"), from);
  }

  private BoardPage select(By control, String value) {
    long generation = generation();
    new Select(driver.findElement(control)).selectByValue(value);
    return awaitRendered(generation);
  }

  /** The values a control offers (without "All"). */
  public List<String> options(String field) {
    return new Select(driver.findElement(By.cssSelector("select[data-control='" + field + "']"))).getOptions()
        .stream().map(option -> option.getAttribute("value")).filter(value -> !value.isEmpty()).toList();
  }

  private Object script(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }
}
