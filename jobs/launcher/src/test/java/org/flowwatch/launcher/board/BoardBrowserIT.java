package org.flowwatch.launcher.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.flowwatch.testing.RealElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three dashboards in a real headless Chromium, on the dashboards' fixture in the real Elasticsearch: every panel is
 * drawn with no Vega, Vega-Lite or console error, shows the fixture's numbers (read from the marks Vega drew), and the
 * controls and the time range change what the panels show as they should. The numbers are those PanelQueriesIT
 * checks on the panels' searches, now as drawn.
 */
@ExtendWith({RealElasticsearch.class, ChromiumBrowser.class})
class BoardBrowserIT {
  /** A busy two-core machine draws a dashboard in a few seconds; the deadline is generous on purpose. */
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final BoardFixture FIXTURE = new BoardFixture();
  private static Board board;

  @BeforeAll
  static void start() throws Exception {
    board = FIXTURE.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (board != null) {
      board.close();
    }
  }

  /** Console errors of earlier tests (one browser serves the class): each test checks only its own. */
  private int earlierConsoleErrors;

  /** Opens a dashboard with no automatic refresh: every redraw in a test is one the test asked for. */
  private BoardPage open(HeadlessChromium chromium, String dashboard) {
    earlierConsoleErrors = chromium.consoleErrors().size();
    return new BoardPage(chromium.driver(), DEADLINE).open(board.address() + "dashboards/" + dashboard + "?refresh=0");
  }

  private void assertEveryPanelDrawnCleanly(BoardPage page, HeadlessChromium chromium, int panels) {
    assertThat(page.panelStates()).hasSize(panels).allSatisfy((panel, state) ->
        assertThat(state).as(panel + " (problems: " + page.problems() + ")").isEqualTo("rendered"));
    // Vega warns of an empty chart's scale ("Infinite extent"), as Kibana shows it: only a panel with nothing to show.
    assertThat(page.problems()).as("Vega, Vega-Lite and board messages").allSatisfy(problem -> {
      assertThat(problem.get("kind")).as(problem.toString()).isEqualTo("warn");
      assertThat(page.marks(problem.get("panel"))).as(problem.toString()).isEmpty();
    });
    List<String> errors = chromium.consoleErrors();
    assertThat(errors.subList(earlierConsoleErrors, errors.size())).isEmpty();
  }

  @Test
  void theSituationRoomShowsTheFixturesMovements(HeadlessChromium chromium) {
    BoardPage page = open(chromium, "flowwatch-situation-room");

    assertEveryPanelDrawnCleanly(page, chromium, 9);
    assertThat(page.marks("flowwatch-movements-today-vs-last-week")).containsExactlyInAnyOrder(
        "travellers: 170; day: today", "travellers: 50; day: same day last week");
    assertThat(page.marks("flowwatch-top-nationalities")).containsExactlyInAnyOrder(
        "travellers: 180; key: NGA", "travellers: 40; key: MLI");
    assertThat(page.marks("flowwatch-points-map")).containsExactlyInAnyOrder(
        "lon: 5.77; lat: 19.44; travellers: 190; point: ASSAMAKA", "lon: 7.39; lat: 18.74; travellers: 30; point: ARLIT");
    assertThat(page.marks("flowwatch-direction-by-route")).anySatisfy(mark ->
        assertThat(mark).endsWith("travellers: 140; route: AGADEZ-LIBYA"));
    assertThat(page.marks("flowwatch-sex-age")).contains("group: men; travellers: 150", "group: women; travellers: 50");
    assertThat(page.marks("flowwatch-transport-modes")).contains("travellers: 120; mode: BUS",
        "travellers: 60; mode: TRUCK", "travellers: 40; mode: ON_FOOT");
    assertThat(page.marks("flowwatch-vulnerabilities")).contains("persons: 5; group: children_under_5",
        "persons: 2; group: elderly");
    assertThat(page.marks("flowwatch-data-freshness")).hasSize(2);
    assertThat(page.rows("flowwatch-open-alerts")).extracting(row -> row.get(0))
        .as("open and escalated alerts, newest change first").containsExactly("SURGE", "SILENCE");
    assertThat(page.options("point_code")).containsExactlyInAnyOrder("ASSAMAKA", "ARLIT");
  }

  @Test
  void choosingAPointNarrowsEveryPanelToIt(HeadlessChromium chromium) {
    BoardPage page = open(chromium, "flowwatch-situation-room").choose("point_code", "ARLIT");

    assertEveryPanelDrawnCleanly(page, chromium, 9);
    assertThat(page.marks("flowwatch-movements-today-vs-last-week")).containsExactlyInAnyOrder(
        "travellers: 30; day: today", "travellers: 0; day: same day last week");
    assertThat(page.marks("flowwatch-top-nationalities")).containsExactly("travellers: 30; key: NGA");
    assertThat(page.marks("flowwatch-points-map")).containsExactly(
        "lon: 7.39; lat: 18.74; travellers: 30; point: ARLIT");
    assertThat(page.marks("flowwatch-direction-by-route")).as("route aggregates have no point").isEmpty();
    assertThat(page.rows("flowwatch-open-alerts")).extracting(row -> row.get(0)).containsExactly("SILENCE");

    page.choose("point_code", "");
    assertThat(page.marks("flowwatch-top-nationalities")).hasSize(2);
  }

  @Test
  void aShorterTimeRangeLeavesLastWeekOut(HeadlessChromium chromium) {
    BoardPage page = open(chromium, "flowwatch-situation-room").timeRange("now-24h");

    assertEveryPanelDrawnCleanly(page, chromium, 9);
    assertThat(page.marks("flowwatch-movements-today-vs-last-week")).containsExactlyInAnyOrder(
        "travellers: 170; day: today", "travellers: 0; day: same day last week");
    assertThat(page.marks("flowwatch-top-nationalities")).containsExactlyInAnyOrder(
        "travellers: 130; key: NGA", "travellers: 40; key: MLI");
    assertThat(chromium.driver().getCurrentUrl()).contains("from=now-24h");
  }

  @Test
  void theAlertsDashboardShowsEpisodesAndItsStatusControlFiltersThem(HeadlessChromium chromium) {
    BoardPage page = open(chromium, "flowwatch-alerts-dashboard");

    assertEveryPanelDrawnCleanly(page, chromium, 3);
    assertThat(page.marks("flowwatch-alert-timeline")).hasSize(4);
    assertThat(page.marks("flowwatch-alerts-by-route-nationality")).containsExactlyInAnyOrder(
        "nationality: NGA; route: AGADEZ-LIBYA; alerts: 2", "nationality: MLI; route: AGADEZ-ALGERIA; alerts: 1");
    assertThat(page.rows("flowwatch-open-alerts")).hasSize(2);

    page.choose("status", "OPEN");
    assertThat(page.rows("flowwatch-open-alerts")).extracting(row -> row.get(0)).containsExactly("SURGE");
    assertThat(page.marks("flowwatch-alert-timeline")).singleElement().satisfies(mark ->
        assertThat(mark).endsWith("alerts: 1; signal: SURGE"));
  }

  @Test
  void aDeploymentWithNoDocumentsYetShowsEmptyPanelsNotErrors(HeadlessChromium chromium) throws Exception {
    BoardFixture empty = new BoardFixture();
    try (Board emptyBoard = empty.startWithoutDocuments()) {
      for (String dashboard : List.of("flowwatch-situation-room", "flowwatch-alerts-dashboard",
          "flowwatch-data-quality")) {
        earlierConsoleErrors = chromium.consoleErrors().size();
        BoardPage page = new BoardPage(chromium.driver(), DEADLINE).open(emptyBoard.address() + "dashboards/"
            + dashboard + "?refresh=0");
        assertThat(page.panelStates()).as(dashboard).isNotEmpty().allSatisfy((panel, state) ->
            assertThat(state).as(panel + " " + page.problems()).isEqualTo("rendered"));
        assertThat(page.problems()).as(dashboard).isEmpty();
        List<String> errors = chromium.consoleErrors();
        assertThat(errors.subList(earlierConsoleErrors, errors.size())).isEmpty();
      }
    }
  }

  @Test
  void theDataQualityDashboardShowsRejectsDuplicatesAndDeliveries(HeadlessChromium chromium) {
    BoardPage page = open(chromium, "flowwatch-data-quality");

    assertEveryPanelDrawnCleanly(page, chromium, 7);
    List<String> allMarks = page.panelStates().keySet().stream().flatMap(panel -> page.marks(panel).stream())
        .toList();
    assertThat(allMarks).contains("records: 2; key: INVALID_COUNT", "records: 1; key: UNKNOWN_POINT",
        "records: 3; key: TOO_LATE", "delivery attempts: 2; key: WEBHOOK; outcome: DEAD_LETTERED");
  }
}
