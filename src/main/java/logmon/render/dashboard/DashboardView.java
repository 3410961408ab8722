package logmon.render.dashboard;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import logmon.core.BatchHealth;
import logmon.core.DurationText;
import logmon.core.Mode;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.render.Numbers;
import logmon.render.PlainText;
import logmon.render.Sanitizer;
import logmon.render.SourceText;

/**
 * Draws one frame of the dashboard onto a {@link TextGraphics} of any size: pure, with no
 * terminal of its own, so tests draw onto Lanterna's virtual terminal. Every string that came
 * from a log line goes through {@link Cells#fit} (which sanitises) before it is drawn.
 */
final class DashboardView {

  static final String WAITING = "waiting for the first batch…";
  static final String PAUSED = " PAUSED ";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final String GAP = "   ";

  /** A run of text in one style. */
  record Span(String text, Ink ink) {}

  private DashboardView() {}

  /** Draws the frame; returns the layout used, whose focus ring the key handling needs. */
  static DashboardLayout draw(TextGraphics g, DashboardModel model) {
    TerminalSize size = g.getSize();
    Ink.NORMAL.apply(g);
    g.fill(' ');
    List<List<Span>> headline = headline(model.snapshot(), size.getColumns());
    DashboardLayout layout = DashboardLayout.of(size, headline.size());
    if (layout.tooSmall()) {
      drawTooSmall(g, size);
      return layout;
    }
    drawTitleBar(g, model, size.getColumns());
    for (int i = 0; i < layout.headlineRows(); i++) {
      drawSpans(g, 0, 1 + i, size.getColumns(), headline.get(i));
    }
    for (DashboardLayout.Region region : layout.regions()) {
      TextGraphics area = g.newTextGraphics(new TerminalPosition(region.column(), region.row()),
          new TerminalSize(region.width(), region.height()));
      drawPanel(area, region.panel(), model);
      if (region.column() > 0) {
        Ink.DIM.apply(g);
        for (int y = region.row(); y < region.row() + region.height(); y++) {
          g.setCharacter(region.column() - 1, y, '│');
        }
      }
    }
    drawFooter(g, model, layout.footerRow(), size.getColumns());
    if (model.state().help()) {
      drawHelp(g, size);
    }
    return layout;
  }

  // ---- title bar, headline, footer ----

  private static void drawTitleBar(TextGraphics g, DashboardModel model, int width) {
    Ink.TITLE_BAR.apply(g);
    g.drawLine(0, 0, width - 1, 0, ' ');
    String marker = model.stopping() ? " stopping… " : model.state().paused() ? PAUSED : "";
    int room = width - Cells.width(marker);
    put(g, 0, 0, titleText(model, room), Ink.TITLE_BAR, room);
    put(g, 0, 0, " logmon ", Ink.TITLE_BAR_BOLD, room);
    if (!marker.isEmpty()) {
      put(g, room, 0, marker, model.stopping() ? Ink.TITLE_BAR_BOLD : Ink.PAUSED, width);
    }
  }

  /**
   * " logmon │ window 30s, sliding 1s │ source 127.0.0.1:9999 connected │ 12:03:04", made to fit
   * {@code room}: first the clock goes, then the source's name is cut, never its state.
   */
  static String titleText(DashboardModel model, int room) {
    Snapshot snapshot = model.snapshot();
    String mode = " logmon │ " + PlainText.describeView(model.view(), snapshot == null ? null : snapshot.traffic().sinceMillis());
    SourceStatus source = model.source();
    String clock = snapshot == null ? "" : " │ " + CLOCK.format(snapshot.time());
    String full = mode + " │ source " + SourceText.describe(source);
    if (Cells.width(full + clock) <= room) {
      return full + clock;
    }
    int excess = Cells.width(full) - room;
    if (excess > 0) {
      String name = Sanitizer.clean(source.description());
      String shorter = Cells.cut(name, Math.max(8, Cells.width(name) - excess));
      full = mode + " │ source " + SourceText.describe(new SourceStatus(shorter, source.state(), source.detail()));
    }
    return full;
  }

  /** The headline figures, flowed into as many lines as the width needs. */
  static List<List<Span>> headline(Snapshot snapshot, int width) {
    List<List<Span>> items = new ArrayList<>();
    if (snapshot == null) {
      items.add(List.of(new Span(WAITING, Ink.DIM)));
      return flow(items, width);
    }
    TrafficStats t = snapshot.traffic();
    items.add(item("requests ", Numbers.count(t.requests())));
    items.add(item("req/s ", Numbers.rate(snapshot.requestsPerSecond())));
    items.add(item("malformed ", Numbers.count(t.malformed())
        + (t.oversized() > 0 ? " (+" + Numbers.count(t.oversized()) + " oversized)" : "")));
    items.add(List.of(new Span("4xx ", Ink.NORMAL),
        new Span(Numbers.percent(t.countOfClass(4), t.requests()), Ink.CLASS_4XX)));
    items.add(List.of(new Span("5xx ", Ink.NORMAL),
        new Span(Numbers.percent(t.countOfClass(5), t.requests()), Ink.CLASS_5XX)));
    items.add(item("bytes ", "avg " + (t.bytes().avg() == null ? "-" : Numbers.count(Math.round(t.bytes().avg())))
        + "  min " + Numbers.count(t.bytes().min()) + "  max " + Numbers.count(t.bytes().max())));
    List<List<Span>> lines = flow(items, width);
    if (snapshot.mostlyMalformed()) {
      lines.add(List.of(new Span("warning: " + PlainText.MOSTLY_MALFORMED, Ink.WARN)));
    }
    return lines;
  }

  private static List<Span> item(String label, String value) {
    return List.of(new Span(label, Ink.NORMAL), new Span(value, Ink.BOLD));
  }

  /** Items left to right, a new line when the next one would not fit; an item is never split. */
  private static List<List<Span>> flow(List<List<Span>> items, int width) {
    List<List<Span>> lines = new ArrayList<>();
    List<Span> line = new ArrayList<>();
    int used = 0;
    for (List<Span> item : items) {
      int itemWidth = item.stream().mapToInt(s -> Cells.width(s.text())).sum();
      int needed = line.isEmpty() ? itemWidth : used + GAP.length() + itemWidth;
      if (!line.isEmpty() && needed > width) {
        lines.add(line);
        line = new ArrayList<>();
        needed = itemWidth;
      } else if (!line.isEmpty()) {
        line.add(new Span(GAP, Ink.NORMAL));
      }
      line.addAll(item);
      used = needed;
    }
    if (!line.isEmpty()) {
      lines.add(line);
    }
    return lines;
  }

  private static void drawFooter(TextGraphics g, DashboardModel model, int row, int width) {
    DashboardState state = model.state();
    List<Span> spans = new ArrayList<>();
    if (state.editingFilter()) {
      spans.add(new Span("filter endpoints: ", Ink.BOLD));
      spans.add(new Span(Cells.fit(state.draft(), Math.max(1, width - 45)) + "▏", Ink.NORMAL));
      keys(spans, "Enter", "apply", "Esc", "cancel");
    } else {
      keys(spans, "q", "quit", "p", state.paused() ? "resume" : "pause", "tab", "focus", "s", "sort",
          "/", "filter", "?", "help");
      if (!state.filter().isEmpty()) {
        keys(spans, "esc", "clear filter");
      }
    }
    drawSpans(g, 0, row, width, spans);
  }

  private static void keys(List<Span> spans, String... keyThenAction) {
    for (int i = 0; i < keyThenAction.length; i += 2) {
      spans.add(new Span(" " + keyThenAction[i], Ink.KEY));
      spans.add(new Span(" " + keyThenAction[i + 1] + " ", Ink.NORMAL));
    }
  }

  // ---- panels ----

  private static void drawPanel(TextGraphics g, Panel panel, DashboardModel model) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    drawPanelTitle(g, panel, model, width);
    TextGraphics body = g.newTextGraphics(new TerminalPosition(0, 1), new TerminalSize(width, rows - 1));
    Snapshot snapshot = model.snapshot();
    if (snapshot == null && panel.kind() != Panel.Kind.SPARKLINE) {
      put(body, 1, 0, WAITING, Ink.DIM, width);
      return;
    }
    switch (panel.kind()) {
      case RANKED -> drawRanked(body, panel, snapshot.traffic(), model.state());
      case CODES -> drawCodes(body, panel, snapshot.traffic(), model.state());
      case SPARKLINE -> drawSparkline(body, model);
      case HEALTH -> drawHealth(body, snapshot.health(), snapshot.view());
    }
  }

  private static void drawPanelTitle(TextGraphics g, Panel panel, DashboardModel model, int width) {
    DashboardState state = model.state();
    boolean focused = panel.focusable() && state.focus() == panel;
    Ink.DIM.apply(g);
    g.drawLine(0, 0, width - 1, 0, '─');
    List<Span> spans = new ArrayList<>();
    spans.add(new Span("─ ", Ink.DIM));
    spans.add(new Span(" " + panel.title() + " ", focused ? Ink.FOCUS : Ink.BOLD));
    if (panel.focusable()) {
      spans.add(new Span(" " + state.sortOf(panel).label(), Ink.NORMAL));
    }
    if (panel == Panel.ENDPOINTS && !state.filter().isEmpty()) {
      spans.add(new Span(" · filter \"" + Cells.fit(state.filter(), 24) + "\"", Ink.KEY));
    }
    if (panel == Panel.RATE) {
      spans.add(new Span(" " + rateSummary(model, width), Ink.NORMAL));
    }
    spans.add(new Span(" ", Ink.NORMAL));
    drawSpans(g, 0, 0, width, spans);
  }

  /** Count, bar, name: one row per entry, and a last row saying how many did not fit. */
  private static void drawRanked(TextGraphics g, Panel panel, TrafficStats traffic, DashboardState state) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    List<Ranked> entries = panel.entries(traffic, state);
    if (entries.isEmpty()) {
      String text = panel == Panel.ENDPOINTS && !state.filter().isEmpty()
          ? "no endpoint matches \"" + Cells.fit(state.filter(), 24) + "\""
          : panel.emptyText();
      put(g, 1, 0, text, Ink.DIM, width);
      return;
    }
    boolean more = entries.size() > rows;
    int shown = more ? rows - 1 : entries.size();
    long max = entries.stream().mapToLong(Ranked::count).max().orElse(0);
    int countWidth = entries.stream().limit(shown).mapToInt(e -> Numbers.count(e.count()).length()).max().orElse(1);
    int barWidth = width >= 30 ? Math.max(4, Math.min(16, width / 6)) : 0;
    int nameColumn = 1 + countWidth + 1 + (barWidth > 0 ? barWidth + 1 : 0);
    for (int i = 0; i < shown; i++) {
      Ranked entry = entries.get(i);
      put(g, 1, i, Cells.padLeft(Numbers.count(entry.count()), countWidth), Ink.NORMAL, width);
      if (barWidth > 0) {
        put(g, 2 + countWidth, i, Bars.of(entry.count(), max, barWidth),
            panel == Panel.ERROR_ENDPOINTS ? Ink.ERROR_BAR : Ink.BAR, width);
      }
      put(g, nameColumn, i, Cells.fit(entry.name(), width - nameColumn), Ink.NORMAL, width);
    }
    if (more) {
      put(g, 1, shown, "… " + Numbers.count(entries.size() - shown) + " more", Ink.DIM, width);
    }
  }

  /** A bar per code class (1xx … 5xx), then every code with its count, flowed. */
  private static void drawCodes(TextGraphics g, Panel panel, TrafficStats traffic, DashboardState state) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    List<Ranked> codes = panel.entries(traffic, state);
    if (codes.isEmpty()) {
      put(g, 1, 0, panel.emptyText(), Ink.DIM, width);
      return;
    }
    long total = traffic.requests();
    List<Integer> classes = new ArrayList<>();
    long largest = 0;
    for (int hundreds = 1; hundreds <= 5; hundreds++) {
      long count = traffic.countOfClass(hundreds);
      if (count > 0) {
        classes.add(hundreds);
        largest = Math.max(largest, count);
      }
    }
    int countWidth = Numbers.count(largest).length();
    int row = 0;
    for (int hundreds : classes) {
      if (row >= rows) {
        return;
      }
      long count = traffic.countOfClass(hundreds);
      String name = hundreds + "xx";
      put(g, 1, row, name, Ink.ofCode(name), width);
      put(g, 5, row, Cells.padLeft(Numbers.count(count), countWidth) + " "
          + Cells.padLeft(Numbers.percent(count, total), 6), Ink.NORMAL, width);
      int barColumn = 5 + countWidth + 8;
      put(g, barColumn, row, Bars.of(count, largest, Math.max(0, width - barColumn - 1)), Ink.ofCode(name), width);
      row++;
    }
    List<List<Span>> items = new ArrayList<>();
    for (Ranked code : codes) {
      String name = Cells.fit(code.name(), 8);
      items.add(List.of(new Span(name, Ink.ofCode(name)), new Span(" " + Numbers.count(code.count()), Ink.NORMAL)));
    }
    for (List<Span> line : flow(items, width - 1)) {
      if (row >= rows) {
        return;
      }
      drawSpans(g, 1, row++, width, line);
    }
  }

  private static void drawSparkline(TextGraphics g, DashboardModel model) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    if (model.rates().length == 0) {
      put(g, 1, 0, WAITING, Ink.DIM, width);
      return;
    }
    List<String> lines = Sparkline.rows(columns(model, width), width, rows);
    for (int i = 0; i < lines.size(); i++) {
      put(g, 0, i, lines.get(i), Ink.SPARK, width);
    }
  }

  /** The sparkline spans at least this much time, however narrow the terminal. */
  static final Duration SPARKLINE_SPAN = Duration.ofMinutes(3);

  private static Duration step(ViewSpec view) {
    return view.mode() == Mode.WINDOW ? view.slide() : view.batch();
  }

  /** Snapshots per sparkline column: 1 on a wide terminal, more on a narrow one. */
  static int perColumn(ViewSpec view, int width) {
    long stepMillis = Math.max(1, step(view).toMillis());
    long needed = (SPARKLINE_SPAN.toMillis() + stepMillis - 1) / stepMillis;
    return (int) Math.max(1, (needed + width - 1) / Math.max(1, width));
  }

  private static double[] columns(DashboardModel model, int width) {
    return Sparkline.grouped(model.rates(), model.ratesSeen(), perColumn(model.view(), width));
  }

  /** "last 3m · now 411.5 · max 500.0": what the sparkline spans and its scale. */
  static String rateSummary(DashboardModel model, int width) {
    double[] rates = model.rates();
    if (rates.length == 0) {
      return "";
    }
    int perColumn = perColumn(model.view(), width);
    double[] columns = columns(model, width);
    int shown = Math.min(width, columns.length);
    double max = 0;
    for (int i = columns.length - shown; i < columns.length; i++) {
      max = Math.max(max, columns[i]);
    }
    long samples = Math.min(rates.length, (long) shown * perColumn);
    return "· last " + span(step(model.view()).multipliedBy(samples))
        + (perColumn > 1 ? " (" + span(step(model.view()).multipliedBy(perColumn)) + " a column)" : "")
        + " · now " + Numbers.rate(rates[rates.length - 1]) + " · max " + Numbers.rate(max);
  }

  static String span(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return duration.toMillis() < 1000 ? duration.toMillis() + "ms" : seconds + "s";
    }
    long minutes = seconds / 60;
    return seconds % 60 == 0 ? minutes + "m" : minutes + "m " + seconds % 60 + "s";
  }

  private static void drawHealth(TextGraphics g, BatchHealth health, ViewSpec view) {
    int width = g.getSize().getColumns();
    long interval = view.batch().toMillis();
    put(g, 1, 0, "batch interval   " + DurationText.format(view.batch()) + "  (" + Numbers.count(health.batchesCompleted())
        + " done)", Ink.NORMAL, width);
    Long processing = health.processingMillis();
    put(g, 1, 1, "last processing  " + Numbers.millis(processing),
        processing != null && processing > interval ? Ink.WARN : Ink.NORMAL, width);
    Long delay = health.schedulingDelayMillis();
    boolean behind = delay != null && delay > interval;
    put(g, 1, 2, "scheduling delay " + Numbers.millis(delay) + (behind ? "  falling behind" : ""),
        behind ? Ink.WARN : Ink.NORMAL, width);
  }

  // ---- overlays ----

  static final List<String> HELP = List.of(
      "logmon dashboard",
      "",
      "q  Ctrl-C    quit; the last figures stay printed in the terminal",
      "p  space     pause or resume the display (the stream keeps running)",
      "tab  arrows  move the focus between panels",
      "s            change the sort of the focused panel",
      "/            filter the endpoints by text (Enter applies, Esc cancels)",
      "esc          clear the endpoint filter",
      "?            show this help; any key closes it",
      "",
      "Counts are exact. The endpoint filter applies to the top entries shown.");

  private static void drawHelp(TextGraphics g, TerminalSize size) {
    int inner = HELP.stream().mapToInt(Cells::width).max().orElse(0);
    int width = Math.min(size.getColumns(), inner + 4);
    int height = Math.min(size.getRows(), HELP.size() + 2);
    int left = (size.getColumns() - width) / 2;
    int top = (size.getRows() - height) / 2;
    TextGraphics box = g.newTextGraphics(new TerminalPosition(left, top), new TerminalSize(width, height));
    Ink.NORMAL.apply(box);
    box.fill(' ');
    Ink.BOLD.apply(box);
    box.drawRectangle(TerminalPosition.TOP_LEFT_CORNER, box.getSize(), '─');
    box.setCharacter(0, 0, '┌');
    box.setCharacter(width - 1, 0, '┐');
    box.setCharacter(0, height - 1, '└');
    box.setCharacter(width - 1, height - 1, '┘');
    for (int y = 1; y < height - 1; y++) {
      box.setCharacter(0, y, '│');
      box.setCharacter(width - 1, y, '│');
    }
    for (int i = 0; i < HELP.size() && i < height - 2; i++) {
      put(box, 2, 1 + i, HELP.get(i), i == 0 ? Ink.BOLD : Ink.NORMAL, width - 2);
    }
  }

  private static void drawTooSmall(TextGraphics g, TerminalSize size) {
    List<String> lines = List.of("terminal too small",
        size.getColumns() + "×" + size.getRows() + ", need " + DashboardLayout.MIN_COLUMNS + "×"
            + DashboardLayout.MIN_ROWS,
        "q quits");
    int top = Math.max(0, (size.getRows() - lines.size()) / 2);
    for (int i = 0; i < lines.size() && top + i < size.getRows(); i++) {
      String text = Cells.cut(lines.get(i), size.getColumns());
      put(g, Math.max(0, (size.getColumns() - Cells.width(text)) / 2), top + i, text,
          i == 0 ? Ink.WARN : Ink.NORMAL, size.getColumns());
    }
  }

  // ---- drawing helpers ----

  /** Spans left to right from {@code column}, cut at {@code limit}. */
  private static void drawSpans(TextGraphics g, int column, int row, int limit, List<Span> spans) {
    int x = column;
    for (Span span : spans) {
      x = put(g, x, row, span.text(), span.ink(), limit);
      if (x >= limit) {
        return;
      }
    }
  }

  /** Draws our own (already safe) text cut to end before {@code limit}; returns the next column. */
  private static int put(TextGraphics g, int column, int row, String text, Ink ink, int limit) {
    if (column >= limit || text.isEmpty()) {
      return column;
    }
    String cut = Cells.cut(text, limit - column);
    ink.apply(g);
    g.putString(column, row, cut);
    return column + Cells.width(cut);
  }
}
