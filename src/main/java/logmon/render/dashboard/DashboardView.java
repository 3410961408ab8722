package logmon.render.dashboard;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import logmon.core.Mode;
import logmon.core.Snapshot;
import logmon.core.SourceStatus;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.core.stats.Statistics;
import logmon.core.alert.AlertStatus;
import logmon.render.AlertText;
import logmon.render.FilterText;
import logmon.render.FlowText;
import logmon.render.Numbers;
import logmon.render.PlainText;
import logmon.render.Sanitizer;
import logmon.render.SourceText;
import logmon.render.dashboard.Spans.Span;

/**
 * Draws one frame of the dashboard onto a {@link TextGraphics} of any size: title bar,
 * headline, the panels where the layout puts them ({@link PanelView}), footer and overlays. Pure,
 * with no terminal of its own, so tests draw onto Lanterna's virtual terminal. Every string that
 * came from a log line goes through {@link Cells#fit} (which sanitises) before it is drawn.
 */
final class DashboardView {

  static final String WAITING = "waiting for the first batch…";
  /** The live filter's prompt, opened with {@code /}. */
  static final String PROMPT = "where: ";
  static final String PAUSED = " PAUSED ";
  /** Shown from the moment of q: the lines already received are still being counted. */
  static final String STOPPING = " stopping… counting what was received ";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private DashboardView() {}

  /** Draws the frame; returns the layout used, whose focus ring the key handling needs. */
  static DashboardLayout draw(TextGraphics g, DashboardModel model) {
    TerminalSize size = g.getSize();
    Ink.NORMAL.apply(g);
    g.fill(' ');
    List<List<Span>> headline = headline(model.snapshot(), model.waiting(), size.getColumns());
    Snapshot snapshot = model.snapshot();
    DashboardLayout layout = DashboardLayout.of(size, headline.size(),
        snapshot != null && snapshot.traffic().of(Statistics.RESPONSE_TIMES) != null,
        snapshot != null && !snapshot.traffic().of(Statistics.HOSTS).isEmpty(),
        snapshot != null && !Panel.sections(snapshot.traffic()).isEmpty());
    if (layout.tooSmall()) {
      drawTooSmall(g, size);
      return layout;
    }
    drawTitleBar(g, model, size.getColumns());
    for (int i = 0; i < layout.headlineRows(); i++) {
      Spans.drawSpans(g, 0, 1 + i, size.getColumns(), headline.get(i));
    }
    for (DashboardLayout.Region region : layout.regions()) {
      TextGraphics area = g.newTextGraphics(new TerminalPosition(region.column(), region.row()),
          new TerminalSize(region.width(), region.height()));
      PanelView.draw(area, region.panel(), model);
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
    String marker = model.stopping() ? STOPPING : model.state().paused() ? PAUSED : "";
    int room = width - Cells.width(marker);
    Spans.put(g, 0, 0, titleText(model, room), Ink.TITLE_BAR, room);
    Spans.put(g, 0, 0, " logmon ", Ink.TITLE_BAR_BOLD, room);
    if (!marker.isEmpty()) {
      Spans.put(g, room, 0, marker, model.stopping() ? Ink.TITLE_BAR_BOLD : Ink.PAUSED, width);
    }
  }

  /**
   * " logmon │ window 30s, sliding 1s │ source 127.0.0.1:9999 connected │ 12:03:04", made to fit
   * {@code room}: first the clock goes, then the source's name is cut, never its state.
   */
  static String titleText(DashboardModel model, int room) {
    Snapshot snapshot = model.snapshot();
    String mode = " logmon │ " + describeView(model.view(), snapshot == null ? null : snapshot.traffic().sinceMillis());
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

  /** As in the plain output, but "cumulative since 12:03:04" without the date when it is today. */
  static String describeView(ViewSpec view, Long sinceMillis) {
    if (view.mode() == Mode.CUMULATIVE && sinceMillis != null) {
      Instant since = Instant.ofEpochMilli(sinceMillis);
      ZoneId zone = ZoneId.systemDefault();
      if (LocalDate.ofInstant(since, zone).equals(LocalDate.now(zone))) {
        return "cumulative since " + CLOCK.format(since);
      }
    }
    return PlainText.describeView(view, sinceMillis);
  }

  /** The headline figures (before the first batch: what the run waits for), flowed into as many lines as the width needs. */
  static List<List<Span>> headline(Snapshot snapshot, String waiting, int width) {
    List<List<Span>> items = new ArrayList<>();
    if (snapshot == null) {
      items.add(List.of(new Span(waiting == null ? WAITING : waiting, Ink.DIM)));
      return Spans.flow(items, width);
    }
    TrafficStats t = snapshot.traffic();
    items.add(item("requests ", Numbers.count(t.requests())));
    items.add(item("req/s ", Numbers.rate(snapshot.requestsPerSecond())));
    items.add(item("malformed ", Numbers.count(t.malformed())
        + (t.oversized() > 0 ? " (+" + Numbers.count(t.oversized()) + " oversized)" : "")));
    items.add(List.of(new Span("4xx ", Ink.NORMAL),
        new Span(Numbers.percent(t.countOfClass(4), t.requests()), Ink.ofShare(Ink.CLASS_4XX, t.countOfClass(4)))));
    items.add(List.of(new Span("5xx ", Ink.NORMAL),
        new Span(Numbers.percent(t.countOfClass(5), t.requests()), Ink.ofShare(Ink.CLASS_5XX, t.countOfClass(5)))));
    items.add(item("bytes ", "avg " + (t.bytes().avg() == null ? "-" : Numbers.count(Math.round(t.bytes().avg())))
        + "  min " + Numbers.count(t.bytes().min()) + "  max " + Numbers.count(t.bytes().max())));
    // Every statistic's own figures (format, clients, response times …), as the plain output has them.
    PlainText.figures(t).forEach(figure -> items.add(item(figure.label() + " ", figure.value())));
    logmon.core.stats.Statistic.Figure change = logmon.render.ChangeText.headline(snapshot.changes(),
        snapshot.view().mode());
    if (change != null) {
      items.add(item(change.label() + "  ", change.value()));
    }
    if (t.sourceLines().size() > 1) {
      // Several sources: how many lines each sent, so a silent one stands out.
      t.sourceLines().forEach((name, lines) -> items.add(item(Cells.fit(name, 30) + " ", Numbers.count(lines))));
    }
    String shed = FlowText.shed(snapshot);
    if (shed != null) {
      items.add(List.of(new Span(shed, Ink.WARN)));
    }
    String throttled = FlowText.throttled(snapshot.health());
    if (throttled != null) {
      // Figures are late, not traffic low: said where the eye lands first.
      items.add(List.of(new Span(throttled, Ink.WARN)));
    }
    List<List<Span>> lines = alertBar(snapshot, width);
    if (snapshot.filter() != null) {
      lines.add(filterLine(snapshot.filter(), width));
    }
    lines.addAll(Spans.flow(items, width));
    if (snapshot.mostlyMalformed()) {
      lines.add(List.of(new Span("warning: " + PlainText.MOSTLY_MALFORMED, Ink.WARN)));
    }
    return lines;
  }

  /**
   * The alert bar, above the figures: a row per firing rule, with its value and since when, the
   * whole row in {@link Ink#ALERT}; nothing while no rule fires.
   */
  static List<List<Span>> alertBar(Snapshot snapshot, int width) {
    List<List<Span>> rows = new ArrayList<>();
    for (AlertStatus status : AlertText.firing(snapshot.alerts())) {
      String text = " ALERT " + AlertText.rule(status) + "  now " + AlertText.value(status)
          + (status.since() == null ? "" : "  since " + CLOCK.format(status.since()));
      rows.add(List.of(new Span(Cells.cut(text, width) + " ".repeat(Math.max(0, width - Cells.width(text))),
          Ink.ALERT)));
    }
    return rows;
  }

  /**
   * "filtered: EXPR since 14:02:11" on a row of its own, the expression cut to the width (never the
   * time): every figure below is of matching lines only.
   */
  static List<Span> filterLine(logmon.core.ActiveFilter filter, int width) {
    String since = FilterText.since(filter);
    int room = Math.max(4, width - FilterText.LABEL.length() - since.length());
    return List.of(new Span(FilterText.LABEL, Ink.KEY), new Span(Cells.fit(filter.expression(), room), Ink.BOLD),
        new Span(since, Ink.NORMAL));
  }

  private static List<Span> item(String label, String value) {
    return List.of(new Span(label, Ink.NORMAL), new Span(value, Ink.BOLD));
  }

  private static void drawFooter(TextGraphics g, DashboardModel model, int row, int width) {
    DashboardState state = model.state();
    List<Span> spans = new ArrayList<>();
    if (state.editingFilter()) {
      spans.add(new Span(PROMPT, Ink.BOLD));
      if (state.error() != null) {
        // What is wrong, and where: the expression stays as typed, nothing is applied.
        int room = Math.max(1, width / 2 - PROMPT.length());
        spans.add(new Span(Cells.fit(state.draft(), room) + "▏", Ink.NORMAL));
        spans.add(new Span("  " + Cells.fit(state.error(), Math.max(1, width - room - PROMPT.length() - 3)), Ink.WARN));
      } else {
        spans.add(new Span(Cells.fit(state.draft(), Math.max(1, width - 40)) + "▏", Ink.NORMAL));
        keys(spans, "Enter", "apply", "Esc", "cancel");
      }
    } else {
      keys(spans, "q", "quit", "p", state.paused() ? "resume" : "pause", "tab", "focus", "s", "sort",
          "/", "filter", "?", "help");
      if (state.query() != null) {
        keys(spans, "esc", "back");
      }
    }
    Spans.drawSpans(g, 0, row, width, spans);
  }

  private static void keys(List<Span> spans, String... keyThenAction) {
    for (int i = 0; i < keyThenAction.length; i += 2) {
      spans.add(new Span(" " + keyThenAction[i], Ink.KEY));
      spans.add(new Span(" " + keyThenAction[i + 1] + " ", Ink.NORMAL));
    }
  }

  // ---- overlays ----

  static final List<String> HELP = List.of(
      "logmon dashboard",
      "",
      "q  Ctrl-C    quit; the last figures stay printed in the terminal",
      "p  space     pause or resume the display (the stream keeps running)",
      "tab  ← →     move the focus between panels",
      "↑ ↓          select a row of the focused panel",
      "s            change the sort of the focused panel",
      "/            filter all counted data (--where language: status >= 500)",
      "Enter        drill down: endpoint → its clients, client → its endpoints",
      "esc          one filter back; the unfiltered figures come back last",
      "Ctrl-L       redraw the whole screen",
      "?            show this help; any key closes it",
      "",
      "Counts are exact. A filter counts from the next batch on.");

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
      Spans.put(box, 2, 1 + i, HELP.get(i), i == 0 ? Ink.BOLD : Ink.NORMAL, width - 2);
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
      Spans.put(g, Math.max(0, (size.getColumns() - Cells.width(text)) / 2), top + i, text,
          i == 0 ? Ink.WARN : Ink.NORMAL, size.getColumns());
    }
  }

}
