package logmon.render.dashboard;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import logmon.core.BatchHealth;
import logmon.core.DurationText;
import logmon.core.Mode;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.Statistics;
import logmon.core.change.Comparison;
import logmon.core.change.RankChange;
import logmon.render.ChangeText;
import logmon.render.FlowText;
import logmon.render.Numbers;
import logmon.render.dashboard.Spans.Span;

/** Draws one panel into its own clipped area: a title row, then a body drawn by the panel's kind. */
final class PanelView {

  /** The sparkline spans at least this much time, however narrow the terminal. */
  static final Duration SPARKLINE_SPAN = Duration.ofMinutes(3);

  /** Where a ranked row's figures start: after the mark of what changed and a space. */
  private static final int MARKED = 2;

  private PanelView() {}

  static void draw(TextGraphics g, Panel panel, DashboardModel model) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    drawPanelTitle(g, panel, model, width);
    TextGraphics body = g.newTextGraphics(new TerminalPosition(0, 1), new TerminalSize(width, rows - 1));
    Snapshot snapshot = model.snapshot();
    if (snapshot == null && panel.kind() != Panel.Kind.SPARKLINE) {
      Spans.put(body, 1, 0, DashboardView.WAITING, Ink.DIM, width);
      return;
    }
    switch (panel.kind()) {
      case RANKED -> drawRanked(body, panel, snapshot.traffic(), model.state(), snapshot.changes());
      case CODES -> drawCodes(body, panel, snapshot.traffic(), model.state());
      case SPARKLINE -> drawSparkline(body, model);
      case LATENCY -> drawResponseTime(body, snapshot.traffic().of(Statistics.RESPONSE_TIMES), model);
      case HEALTH -> drawHealth(body, snapshot.health(), snapshot.view());
      case SECTIONS -> drawSections(body, Panel.sections(snapshot.traffic()), snapshot.changes());
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
    if (panel == Panel.CLIENTS && model.snapshot() != null) {
      spans.add(new Span(" · more than " + Numbers.count(model.snapshot().traffic().ipThreshold()), Ink.NORMAL));
    }
    if (panel == Panel.RESPONSE_TIME) {
      spans.add(new Span(" ms · p99 of the last " + span(step(model.view()).multipliedBy(
          Math.min(model.p99s().length, Math.max(1, width)))), Ink.NORMAL));
    }
    if (panel == Panel.RATE) {
      spans.add(new Span(" " + rateSummary(model, width), Ink.NORMAL));
    }
    spans.add(new Span(" ", Ink.NORMAL));
    Spans.drawSpans(g, 0, 0, width, spans);
  }

  /**
   * Count, bar, name: one row per entry, and a last row saying how many did not fit. What changed
   * since the previous window is marked in the first column ({@link #drawMark}), by the entry's
   * key: the panel may be sorted or filtered otherwise.
   */
  private static void drawRanked(TextGraphics g, Panel panel, TrafficStats traffic, DashboardState state,
      Comparison changes) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    List<Ranked> entries = panel.entries(traffic, state);
    if (entries.isEmpty()) {
      Spans.put(g, 1, 0, panel.emptyText(), Ink.DIM, width);
      return;
    }
    boolean more = entries.size() > rows;
    int shown = more ? rows - 1 : entries.size();
    long max = entries.stream().mapToLong(Ranked::count).max().orElse(0);
    int countWidth = entries.stream().limit(shown).mapToInt(e -> Numbers.count(e.count()).length()).max().orElse(1);
    int barWidth = width >= 30 ? Math.max(4, Math.min(16, width / 6)) : 0;
    // Column 0 holds the mark of what changed, column 1 keeps it apart from the count ("+ 20", not "+20").
    int nameColumn = MARKED + countWidth + 1 + (barWidth > 0 ? barWidth + 1 : 0);
    for (int i = 0; i < shown; i++) {
      Ranked entry = entries.get(i);
      Spans.put(g, MARKED, i, Cells.padLeft(Numbers.count(entry.count()), countWidth), Ink.NORMAL, width);
      if (barWidth > 0) {
        Spans.put(g, MARKED + 1 + countWidth, i, Bars.of(entry.count(), max, barWidth),
            panel == Panel.ERROR_ENDPOINTS ? Ink.ERROR_BAR : Ink.BAR, width);
      }
      RankChange.Mark mark = changes.of(panel.ranking(), entry.name()).mark();
      drawMark(g, i, mark, width);
      // The focused panel's selected row (Enter drills into it) in reverse.
      Ink ink = state.focus() == panel && selectedRow(state, entries.size()) == i ? Ink.FOCUS : nameInk(mark);
      Spans.put(g, nameColumn, i, Cells.fit(entry.name(), width - nameColumn), ink, width);
    }
    if (more) {
      Spans.put(g, 1, shown, "… " + Numbers.count(entries.size() - shown) + " more", Ink.DIM, width);
    }
  }

  /** The mark of what changed, in the row's first column: a glyph, coloured (the glyph stays without colour). */
  private static void drawMark(TextGraphics g, int row, RankChange.Mark mark, int width) {
    if (mark != RankChange.Mark.NONE) {
      Spans.put(g, 0, row, ChangeText.glyph(mark), switch (mark) {
        case NEW -> Ink.NEW;
        case UP -> Ink.CLIMBED;
        default -> Ink.DIM;
      }, width);
    }
  }

  /** New entries and big climbers stand out by their name too. */
  private static Ink nameInk(RankChange.Mark mark) {
    return mark == RankChange.Mark.NEW ? Ink.NEW : mark == RankChange.Mark.UP ? Ink.BOLD : Ink.NORMAL;
  }

  /** The selected row, held within the rows there are. */
  static int selectedRow(DashboardState state, int rows) {
    return Math.max(0, Math.min(state.row(), rows - 1));
  }

  /**
   * Each statistic's titled list (user agents, referrers, 404 paths, each --top FIELD ranking) in
   * an equal share of the rows: a title, then figures and name per row.
   */
  private static void drawSections(TextGraphics g, List<logmon.core.stats.Statistic.Section> sections,
      Comparison changes) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    if (sections.isEmpty()) {
      Spans.put(g, 1, 0, Panel.RANKINGS.emptyText(), Ink.DIM, width);
      return;
    }
    int share = Math.max(2, rows / sections.size());
    int row = 0;
    for (logmon.core.stats.Statistic.Section section : sections) {
      if (row >= rows) {
        return;
      }
      Spans.put(g, 1, row++, section.title(), Ink.BOLD, width);
      int end = Math.min(rows, row + share - 1);
      if (section.rows().isEmpty()) {
        Spans.put(g, 2, row++, section.emptyText(), Ink.DIM, width);
      }
      int figures = section.rows().stream().mapToInt(r -> r.figures().length()).max().orElse(1);
      for (int i = 0; i < section.rows().size(); i++) {
        var entry = section.rows().get(i);
        if (row >= end) {
          break;
        }
        RankChange.Mark mark = section.ranking() == null ? RankChange.Mark.NONE
            : changes.at(section.ranking(), i).mark();
        drawMark(g, row, mark, width);
        Spans.put(g, MARKED, row, Cells.padLeft(entry.figures(), figures), Ink.NORMAL, width);
        // The name came from a log line: Cells.fit sanitises it.
        Spans.put(g, MARKED + 1 + figures, row, Cells.fit(entry.name(), width - MARKED - 1 - figures), nameInk(mark),
            width);
        row++;
      }
      row = Math.max(row, Math.min(rows, end));
    }
  }

  /** A bar per code class (1xx … 5xx), then every code with its count, flowed. */
  private static void drawCodes(TextGraphics g, Panel panel, TrafficStats traffic, DashboardState state) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    List<Ranked> codes = panel.entries(traffic, state);
    if (codes.isEmpty()) {
      Spans.put(g, 1, 0, panel.emptyText(), Ink.DIM, width);
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
      Spans.put(g, 1, row, name, Ink.ofCode(name), width);
      Spans.put(g, 5, row, Cells.padLeft(Numbers.count(count), countWidth) + " "
          + Cells.padLeft(Numbers.percent(count, total), 6), Ink.NORMAL, width);
      int barColumn = 5 + countWidth + 8;
      Spans.put(g, barColumn, row, Bars.of(count, largest, Math.max(0, width - barColumn - 1)), Ink.ofCode(name), width);
      row++;
    }
    List<List<Span>> items = new ArrayList<>();
    for (Ranked code : codes) {
      String name = Cells.fit(code.name(), 8);
      items.add(List.of(new Span(name, Ink.ofCode(name)), new Span(" " + Numbers.count(code.count()), Ink.NORMAL)));
    }
    for (List<Span> line : Spans.flow(items, width - 1)) {
      if (row >= rows) {
        return;
      }
      Spans.drawSpans(g, 1, row++, width, line);
    }
  }

  /** The percentiles in one row, then the p99 of recent snapshots as a sparkline. */
  private static void drawResponseTime(TextGraphics g, ResponseTimes.Summary times, DashboardModel model) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    if (times == null) {
      Spans.put(g, 1, 0, "no response times in the window", Ink.DIM, width);
      return;
    }
    List<List<Span>> items = new ArrayList<>();
    items.add(figure("avg ", ResponseTimes.millis(times.avgMs())));
    items.add(figure("p50 ", ResponseTimes.millis(times.p50Ms())));
    items.add(figure("p90 ", ResponseTimes.millis(times.p90Ms())));
    items.add(figure("p99 ", ResponseTimes.millis(times.p99Ms())));
    items.add(figure("max ", ResponseTimes.millis(times.maxMs())));
    int row = 0;
    for (List<Span> line : Spans.flow(items, width - 1)) {
      if (row >= rows) {
        return;
      }
      Spans.drawSpans(g, 1, row++, width, line);
    }
    if (row < rows) {
      List<String> lines = Sparkline.rows(model.p99s(), width, rows - row);
      for (int i = 0; i < lines.size(); i++) {
        Spans.put(g, 0, row + i, lines.get(i), Ink.SPARK, width);
      }
    }
  }

  private static List<Span> figure(String label, String value) {
    return List.of(new Span(label, Ink.NORMAL), new Span(value + "  ", Ink.BOLD));
  }

  private static void drawSparkline(TextGraphics g, DashboardModel model) {
    int width = g.getSize().getColumns();
    int rows = g.getSize().getRows();
    if (model.rates().length == 0) {
      Spans.put(g, 1, 0, DashboardView.WAITING, Ink.DIM, width);
      return;
    }
    List<String> lines = Sparkline.rows(columns(model, width), width, rows);
    for (int i = 0; i < lines.size(); i++) {
      Spans.put(g, 0, i, lines.get(i), Ink.SPARK, width);
    }
  }

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
        // With several snapshots a column, the chart's top is a column's mean, which "now" can pass.
        + " · now " + Numbers.rate(rates[rates.length - 1])
        + (perColumn > 1 ? " · highest column " : " · max ") + Numbers.rate(max);
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
    Long processing = health.processingMillis();
    Spans.put(g, 1, 0, "last processing  " + Numbers.millis(processing) + "  (" + DurationText.format(view.batch())
        + " batches, " + Numbers.count(health.batchesCompleted()) + " done)",
        processing != null && processing > interval ? Ink.WARN : Ink.NORMAL, width);
    Long delay = health.schedulingDelayMillis();
    boolean behind = delay != null && delay > interval;
    Spans.put(g, 1, 1, "scheduling delay " + Numbers.millis(delay) + (behind ? "  falling behind" : ""),
        behind ? Ink.WARN : Ink.NORMAL, width);
    String throttled = FlowText.throttled(health);
    Spans.put(g, 1, 2, "flow             " + (health.throttled() == null ? "-"
        : throttled != null ? throttled : "keeping up, " + FlowText.limit(health)),
        throttled != null ? Ink.WARN : Ink.NORMAL, width);
  }

}
