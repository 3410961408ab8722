package logmon.render.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.stream.Stream;
import logmon.core.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboard drawn onto Lanterna's virtual terminal and read back as text. */
class DashboardViewTest {

  @Test
  void at80x24ShowsTotalsCodesEndpointsClientsModeAndFooter() {
    String screen = new VirtualScreen(80, 24).draw(Fixtures.model(Fixtures.sample()));

    assertThat(screen)
        .contains("logmon")
        .contains("window 30s, sliding 1s")
        .contains("source 127.0.0.1:9999 connected")
        .contains("requests 12,345")
        .contains("req/s 4,115.0") // 12,345 over the 3 batches of 1 s the window spans so far
        .contains("malformed 7 (+2 oversized)")
        .contains("4xx 8.1%")
        .contains("5xx 1.2%")
        .contains("bytes avg 11,435  min 0  max 138,789")
        .contains("Response codes", "2xx 10,000", "3xx  1,200", "4xx  1,000", "5xx    145", "200 10,000")
        .contains("Top endpoints", "4,321", "/index.html", "2,100", "/api/v1/orders")
        .contains("Top 4xx/5xx endpoints", "/missing", "/boom")
        .contains("Frequent client IPs", "5,432", "64.242.88.10", "1,234", "10.0.0.153")
        .contains("Requests/s", "(3s a column)", "█")
        .contains("Batch health", "123 ms")
        .contains("q quit", "p pause", "tab focus", "s sort", "/ filter", "? help");
  }

  @Test
  void at200x50ShowsEveryCodeAndTheSameFigures() {
    String screen = new VirtualScreen(200, 50).draw(Fixtures.model(Fixtures.sample()));

    assertThat(screen)
        .contains("requests 12,345", "window 30s, sliding 1s", "127.0.0.1:9999 connected", "12:03:04")
        .contains("200 10,000", "304 1,200", "404 1,000", "500 145")
        .contains("/index.html", "/api/v1/orders", "64.242.88.10", "10.0.0.153", "/missing")
        .contains("scheduling delay 4 ms", "Frequent client IPs  count ↓ · more than 10")
        .contains("q quit");
  }

  @Test
  void aFiringRuleGetsARedAlertBarUnderTheTitleAndAPendingOneNone() {
    VirtualScreen screen = new VirtualScreen(100, 30);
    List<String> lines = List.of(screen.draw(Fixtures.model(Fixtures.alerting(true))).split("\n"));

    String clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
        .withZone(java.time.ZoneId.systemDefault()).format(Fixtures.TIME.minusSeconds(60));
    assertThat(lines.get(1)).startsWith(" ALERT 5xx > 1% for 1m  now 1.2%  since " + clock);
    assertThat(lines.get(2)).contains("requests 12,345");
    assertThat(String.join("\n", lines)).doesNotContain("p99 > 800ms");
    assertThat(screen.terminal.getCharacter(99, 1).getBackgroundColor())
        .as("the bar fills the row in red").isEqualTo(com.googlecode.lanterna.TextColor.ANSI.RED);
  }

  /**
   * What changed since the previous window: /index.html is new (+, green), /api/v1/orders climbed
   * from 5th to 2nd (↑, cyan); the others moved less than 3 places (no mark). Without colour the
   * marks stay, and the new entry's name stays bold. The headline compares the two windows.
   */
  @Test
  void newEntriesAndBigClimbersAreMarkedInColourAndWithoutIt() throws Exception {
    Snapshot snapshot = Fixtures.sample().withChanges(new logmon.core.change.Comparison(
        java.time.Duration.ofSeconds(30), new logmon.core.change.Period(12_345, 145 * 100.0 / 12_345, null),
        new logmon.core.change.Period(11_400, 0.2, null), java.util.Map.of("topEndpoints",
        logmon.core.change.RankingChanges.compare(List.of(Fixtures.LONG_ENDPOINT, Fixtures.TITLE_ATTACK,
            Fixtures.CLEAR_ATTACK, "/gone", "/api/v1/orders"), List.of("/index.html", "/api/v1/orders",
            Fixtures.LONG_ENDPOINT, Fixtures.TITLE_ATTACK, Fixtures.CLEAR_ATTACK)))));
    for (boolean colour : new boolean[] {true, false}) {
      VirtualScreen screen = new VirtualScreen(100, 30);
      DashboardView.draw(screen.screen.newTextGraphics(), Fixtures.model(snapshot));
      if (!colour) {
        Monochrome.strip(screen.screen);
      }
      screen.screen.refresh();
      List<String> lines = screen.lines();
      assertThat(String.join("\n", lines)).contains("vs previous window  req 12,345 (+8%)  5xx 1.2% (+1.0pp)");
      int newRow = rowOf(lines, "/index.html");
      int climbedRow = rowOf(lines, "/api/v1/orders");
      int steadyRow = rowOf(lines, "/very/long");
      assertThat(lines.get(newRow)).as("colour %s", colour).startsWith("+");
      assertThat(lines.get(climbedRow)).startsWith("↑");
      assertThat(lines.get(steadyRow)).startsWith(" ");
      var mark = screen.terminal.getCharacter(0, newRow);
      var name = screen.terminal.getCharacter(lines.get(newRow).indexOf("/index.html"), newRow);
      assertThat(mark.getForegroundColor()).isEqualTo(colour ? com.googlecode.lanterna.TextColor.ANSI.GREEN
          : com.googlecode.lanterna.TextColor.ANSI.DEFAULT);
      assertThat(name.getModifiers()).contains(com.googlecode.lanterna.SGR.BOLD);
      assertThat(screen.terminal.getCharacter(0, climbedRow).getForegroundColor())
          .isEqualTo(colour ? com.googlecode.lanterna.TextColor.ANSI.CYAN : com.googlecode.lanterna.TextColor.ANSI.DEFAULT);
    }
  }

  /** The "More rankings" panel marks its rows the same way (here every agent is new). */
  @Test
  void sectionRowsAreMarkedToo() {
    Snapshot plain = Fixtures.withRankings();
    List<String> agents = plain.traffic().of(logmon.core.stats.Statistics.TOP_AGENTS).stream()
        .map(logmon.core.Ranked::name).toList();
    Snapshot snapshot = plain.withChanges(new logmon.core.change.Comparison(null, null, null, java.util.Map.of(
        "topAgents", logmon.core.change.RankingChanges.compare(List.of(), agents))));
    List<String> lines = List.of(new VirtualScreen(120, 40).draw(Fixtures.model(snapshot)).split("\n"));
    // The agent's name is sanitised as before; the mark is in the panel's first column.
    assertThat(lines.get(rowOf(lines, "evil\\x1b"))).startsWith("+ 20 evil");
    assertThat(lines.get(rowOf(lines, "https://ref.example/0"))).as("referrers: not compared").startsWith("  15 ");
    assertThat(String.join("\n", lines)).doesNotContain("vs previous window");
  }

  private static int rowOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError(text + " not on the screen:\n" + String.join("\n", lines));
  }

  @Test
  void withoutAlertsThereIsNoBar() {
    List<String> lines = List.of(new VirtualScreen(100, 30).draw(Fixtures.model(Fixtures.sample())).split("\n"));
    assertThat(lines.get(1)).contains("requests 12,345").doesNotContain("ALERT");
  }

  @Test
  void longEndpointIsCutWithAnEllipsis() {
    for (int[] size : new int[][] {{80, 24}, {200, 50}}) {
      List<String> lines = linesOf(size[0], size[1], Fixtures.model(Fixtures.sample()));
      String row = lines.stream().filter(l -> l.contains("/very/long/very")).findFirst().orElseThrow();
      String panel = row.substring(0, row.indexOf('│') < 0 ? row.length() : row.indexOf('│'));
      assertThat(panel.strip()).endsWith("…").doesNotContain("end");
    }
  }

  @Test
  void hostileEndpointsAreShownEscapedAndNoControlCharacterReachesTheScreen() {
    for (int[] size : new int[][] {{80, 24}, {200, 50}}) {
      VirtualScreen screen = new VirtualScreen(size[0], size[1]);
      String text = screen.draw(Fixtures.model(Fixtures.sample()));

      assertThat(text).contains("/\\x1b]0;pwned\\x07").contains("/x\\x1b[2Jy");
      assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007");
      assertThat(screen.controlCells()).isEmpty();
    }
  }

  @Test
  void hostileTextInTheFilterAndSourceIsEscapedToo() {
    var state = DashboardState.initial().onKey(new KeyStroke('/', false, false))
        .onKey(new KeyStroke('\u001b', false, false)).onKey(new KeyStroke(']', false, false));
    var source = new logmon.core.SourceStatus("evil\u001b]0;x\u0007host:1", logmon.core.SourceStatus.State.DISCONNECTED,
        "refused\u001b[2J");
    var model = new DashboardModel(Fixtures.WINDOW, source, Fixtures.sample(), new double[0], 0, state, false);
    VirtualScreen screen = new VirtualScreen(120, 30);

    String text = screen.draw(model);

    assertThat(text).contains("evil\\x1b]0;x\\x07host:1 disconnected, retrying (refused\\x1b[2J)");
    assertThat(text).contains("where: \\x1b]");
    assertThat(screen.controlCells()).isEmpty();
  }

  @Test
  void aFilterInForceIsSaidUnderTheTitleWithSinceWhen() {
    var filtered = withFilter(Fixtures.sample(), "status >= 500");
    List<String> lines = List.of(new VirtualScreen(100, 30).draw(Fixtures.model(filtered)).split("\n"));

    assertThat(lines.get(1).strip()).isEqualTo("filtered: status >= 500 since " + clock(Fixtures.TIME.minusSeconds(90)));
    assertThat(lines.get(2)).contains("requests 12,345");
  }

  @Test
  void aLongHostileFilterIsCutToTheWidthEscapedAndKeepsItsTime() {
    String expression = "agent ~ '\u001b]0;pwned\u0007" + "x".repeat(300) + "'";
    VirtualScreen screen = new VirtualScreen(80, 24);
    List<String> lines = List.of(screen.draw(Fixtures.model(withFilter(Fixtures.sample(), expression))).split("\n"));

    assertThat(lines.get(1)).startsWith("filtered: agent ~ '\\x1b]0;pwned\\x07xxx")
        .contains("x… since " + clock(Fixtures.TIME.minusSeconds(90)));
    assertThat(screen.controlCells()).isEmpty();
  }

  private static Snapshot withFilter(Snapshot snapshot, String expression) {
    return new Snapshot(snapshot.time(), snapshot.view(), snapshot.traffic(), snapshot.health(), snapshot.source(),
        snapshot.sources(), new logmon.core.ActiveFilter(expression, Fixtures.TIME.minusSeconds(90)));
  }

  private static String clock(java.time.Instant time) {
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault())
        .format(time);
  }

  @Test
  void beforeTheFirstBatchShowsModeSourceAndWaiting() {
    var model = DashboardModel.starting(Fixtures.WINDOW,
        new logmon.core.SourceStatus("127.0.0.1:9999", logmon.core.SourceStatus.State.STARTING, null));

    String screen = new VirtualScreen(80, 24).draw(model);

    assertThat(screen).contains("window 30s, sliding 1s", "127.0.0.1:9999 starting", DashboardView.WAITING, "q quit");
  }

  @Test
  void cumulativeModeSaysSinceWhenWithoutTheDateIfToday() {
    var cumulative = logmon.core.ViewSpec.cumulative(java.time.Duration.ofSeconds(1));
    long today = java.time.LocalDate.now().atTime(12, 3, 4).atZone(java.time.ZoneId.systemDefault())
        .toInstant().toEpochMilli();

    assertThat(DashboardView.describeView(cumulative, today)).isEqualTo("cumulative since 12:03:04");
    assertThat(DashboardView.describeView(cumulative, 0L)).startsWith("cumulative since 1970-01-01 ");
    assertThat(DashboardView.describeView(cumulative, null)).isEqualTo("cumulative");
    assertThat(DashboardView.describeView(Fixtures.WINDOW, null)).isEqualTo("window 30s, sliding 1s");
  }

  @Test
  void severalSourcesShowTheirLineCountsInTheHeadline() {
    Snapshot one = Fixtures.sample();
    var t = one.traffic();
    var traffic = new logmon.core.TrafficStats(t.requests(), t.malformed(), t.oversized(), t.bytes(), t.status(),
        t.topEndpoints(), t.topErrorEndpoints(), t.frequentIps(), t.batches(), t.sinceMillis(),
        new java.util.TreeMap<>(java.util.Map.of("127.0.0.1:9999", 12_000L, "stdin\u001b[2J", 352L)), 10);
    var two = new Snapshot(one.time(), one.view(), traffic, one.health(), one.source(), one.sources());

    VirtualScreen screen = new VirtualScreen(120, 30);
    assertThat(screen.draw(Fixtures.model(two))).contains("127.0.0.1:9999 12,000", "stdin\\x1b[2J 352");
    assertThat(screen.controlCells()).isEmpty();
    assertThat(new VirtualScreen(120, 30).draw(Fixtures.model(one))).doesNotContain("127.0.0.1:9999 12,");
  }

  @Test
  void mostlyMalformedShowsAWarning() {
    String screen = new VirtualScreen(100, 30).draw(Fixtures.model(Fixtures.mostlyMalformed()));

    assertThat(screen).contains("warning: most lines are malformed");
  }

  @Test
  void pausedShowsTheMarkerAndHelpShowsTheKeys() {
    var paused = DashboardState.initial().onKey(new KeyStroke('p', false, false));
    var help = paused.onKey(new KeyStroke('?', false, false));

    assertThat(new VirtualScreen(80, 24).draw(Fixtures.model(Fixtures.sample(), paused))).contains("PAUSED", "p resume");
    assertThat(new VirtualScreen(80, 24).draw(Fixtures.model(Fixtures.sample(), help)))
        .contains("logmon dashboard", "pause or resume the display");
  }

  @Test
  void sortChangesWhatTheEndpointPanelShowsAndTheSelectedRowIsReversed() {
    var byName = DashboardState.initial().onKey(new KeyStroke('s', false, false));
    List<String> lines = linesOf(100, 30, Fixtures.model(Fixtures.sample(), byName));
    assertThat(lines.stream().filter(l -> l.contains("/api/v1/orders")).findFirst().orElseThrow())
        .isEqualTo(lines.get(indexOf(lines, "/index.html") - 1));
    assertThat(String.join("\n", lines)).contains("name ↑");

    var second = DashboardState.initial().onKey(new KeyStroke(KeyType.ArrowDown));
    VirtualScreen screen = new VirtualScreen(100, 30);
    List<String> shown = List.of(screen.draw(Fixtures.model(Fixtures.sample(), second)).split("\n"));
    int row = indexOf(shown, "/api/v1/orders");
    int column = shown.get(row).indexOf("/api/v1/orders");
    assertThat(screen.terminal.getCharacter(column, row).getModifiers())
        .contains(com.googlecode.lanterna.SGR.REVERSE);
    int first = indexOf(shown, "/index.html");
    assertThat(screen.terminal.getCharacter(shown.get(first).indexOf("/index.html"), first).getModifiers())
        .doesNotContain(com.googlecode.lanterna.SGR.REVERSE);
  }

  @Test
  void aRefusedExpressionIsSaidOnThePromptLine() {
    var state = DashboardState.initial().onKey(new KeyStroke('/', false, false))
        .onKey(new KeyStroke('x', false, false)).onKey(new KeyStroke(KeyType.Enter))
        .rejected("position 1: unknown field x");
    List<String> lines = linesOf(100, 30, Fixtures.model(Fixtures.sample(), state));

    assertThat(lines.get(29)).startsWith("where: x▏").contains("position 1: unknown field x");
  }

  @Test
  void tinyTerminalSaysSoWithoutFailing() {
    VirtualScreen screen = new VirtualScreen(30, 8);

    assertThat(screen.draw(Fixtures.model(Fixtures.sample()))).contains("terminal too small", "30×8");
  }

  static Stream<Arguments> sizes() {
    int[] columns = {1, 2, 10, 29, 39, 40, 41, 50, 63, 64, 65, 80, 100, 133, 200};
    int[] rows = {1, 2, 5, 9, 10, 11, 13, 16, 24, 30, 50};
    return Stream.of(columns).flatMapToInt(java.util.Arrays::stream).boxed()
        .flatMap(c -> Stream.of(rows).flatMapToInt(java.util.Arrays::stream).mapToObj(r -> Arguments.of(c, r)));
  }

  @ParameterizedTest(name = "{0}x{1}")
  @MethodSource("sizes")
  void anySizeDrawsWithoutExceptionAndWithinItsPanels(int columns, int rows) {
    var everything = DashboardState.initial().onKey(new KeyStroke('p', false, false))
        .onKey(new KeyStroke('/', false, false)).onKey(new KeyStroke('x', false, false));
    for (Snapshot snapshot : new Snapshot[] {null, Fixtures.sample(), Fixtures.mostlyMalformed(),
        withFilter(Fixtures.sample(), "path ~ '\u001b[2J" + "x".repeat(300) + "'")}) {
      for (DashboardState state : new DashboardState[] {DashboardState.initial(), everything,
          DashboardState.initial().onKey(new KeyStroke('?', false, false))}) {
        VirtualScreen screen = new VirtualScreen(columns, rows);
        assertThatCode(() -> screen.draw(Fixtures.model(snapshot, state))).doesNotThrowAnyException();
        assertThat(screen.controlCells()).isEmpty();
      }
    }
    DashboardLayout layout = DashboardLayout.of(new com.googlecode.lanterna.TerminalSize(columns, rows), 2);
    for (DashboardLayout.Region region : layout.regions()) {
      assertThat(region.column() + region.width()).isLessThanOrEqualTo(columns);
      assertThat(region.row() + region.height()).isLessThan(rows); // the footer row stays free
      assertThat(region.height()).isGreaterThanOrEqualTo(region.panel().minRows());
    }
  }

  @Test
  void layoutKeepsEveryPanelAt80x24AndDropsPanelsWhenShort() {
    var full = DashboardLayout.of(new com.googlecode.lanterna.TerminalSize(80, 24), 2);
    assertThat(full.regions()).extracting(DashboardLayout.Region::panel).containsExactlyInAnyOrder(
        Panel.ENDPOINTS, Panel.STATUS, Panel.ERROR_ENDPOINTS, Panel.CLIENTS, Panel.RATE, Panel.HEALTH);
    var withTimesAndHosts = DashboardLayout.of(new com.googlecode.lanterna.TerminalSize(100, 40), 2, true, true, true);
    assertThat(withTimesAndHosts.regions()).extracting(DashboardLayout.Region::panel)
        .containsExactlyInAnyOrder(Panel.values());

    var short_ = DashboardLayout.of(new com.googlecode.lanterna.TerminalSize(80, 12), 2);
    assertThat(short_.regions()).extracting(DashboardLayout.Region::panel)
        .contains(Panel.ENDPOINTS, Panel.STATUS).hasSizeLessThan(Panel.values().length);

    var narrow = DashboardLayout.of(new com.googlecode.lanterna.TerminalSize(50, 24), 3);
    assertThat(narrow.regions()).allMatch(r -> r.column() == 0 && r.width() == 50);
    assertThat(narrow.regions().get(0).panel()).isEqualTo(Panel.ENDPOINTS);

    assertThat(DashboardLayout.of(new com.googlecode.lanterna.TerminalSize(30, 8), 1).tooSmall()).isTrue();
  }

  @Test
  void aLogWithTimesAndHostsGetsAResponseTimePanelAndAHostsPanel() {
    Snapshot snapshot = Fixtures.withTimesAndHosts();
    DashboardModel model = new DashboardModel(Fixtures.WINDOW, Fixtures.CONNECTED, snapshot, new double[] {5, 6},
        2, DashboardState.initial(), false, new double[] {40, 80});
    List<String> screen = linesOf(100, 40, model);
    String text = String.join("\n", screen);
    assertThat(text).contains("Response time").contains("Top hosts");
    // 100 requests of 1..100 ms: p50 50, p99 99 within the histogram's 1%, max exactly 100.
    int panel = indexOf(screen, "Response time");
    assertThat(screen.get(panel + 1) + screen.get(panel + 2))
        .contains("avg 51").contains("p50 50").contains("p90 90").contains("p99 99").contains("max 100");
    assertThat(screen.get(indexOf(screen, "Top hosts") + 1)).contains("60").contains("shop.example");
    // Without times or hosts, neither panel.
    String plain = String.join("\n", linesOf(100, 40, Fixtures.model(Fixtures.sample())));
    assertThat(plain).doesNotContain("Response time").doesNotContain("Top hosts");
  }

  @Test
  void agentsReferrersFourOhFoursAndTopFieldRankingsGetAPanelOfTheirOwn() {
    VirtualScreen virtual = new VirtualScreen(120, 50);
    virtual.draw(Fixtures.model(Fixtures.withRankings()));
    List<String> screen = virtual.lines();
    String text = String.join("\n", screen);
    assertThat(text).contains("More rankings").contains("top user agents").contains("top referrers")
        .contains("top 404 paths").contains("top status, path");
    // An agent from a log line is drawn escaped: no control character reaches the screen.
    assertThat(screen.get(indexOf(screen, "top user agents") + 1)).contains("20").contains("evil\\x1b]0;pwned\\x07");
    assertThat(screen.get(indexOf(screen, "top status, path") + 1)).contains("12").contains("200 /p0");
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007");
    assertThat(virtual.controlCells()).isEmpty();
    // Without any, no panel.
    assertThat(String.join("\n", linesOf(120, 50, Fixtures.model(Fixtures.sample())))).doesNotContain("More rankings");
  }

  private static List<String> linesOf(int columns, int rows, DashboardModel model) {
    VirtualScreen screen = new VirtualScreen(columns, rows);
    screen.draw(model);
    return screen.lines();
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line contains " + text);
  }
}
