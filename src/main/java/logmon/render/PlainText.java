package logmon.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import logmon.core.BatchHealth;
import logmon.core.DurationText;
import logmon.core.Mode;
import logmon.core.Ranked;
import logmon.core.Snapshot;
import logmon.core.TrafficStats;
import logmon.core.ViewSpec;
import logmon.core.alert.AlertStatus;
import logmon.core.change.Comparison;
import logmon.core.change.Rankings;
import logmon.core.stats.Statistic;
import logmon.core.stats.Statistics;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** A snapshot as a readable block of text lines, styled with JLine (plain where colour is off). */
public final class PlainText {

  public static final String MOSTLY_MALFORMED =
      "most lines are malformed: does --log-format match this log? (logmon --help)";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final int FREQUENT_IPS_SHOWN = 10;
  /** The filter line's width: a long expression is cut, as long endpoints are. */
  private static final int FILTER_WIDTH = 200;
  private static final AttributedStyle HEADING = AttributedStyle.BOLD;
  private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  private static final AttributedStyle WARN = AttributedStyle.BOLD.foreground(AttributedStyle.RED);

  private PlainText() {}

  public static String describeView(ViewSpec view, Long sinceMillis) {
    if (view.mode() == Mode.CUMULATIVE) {
      return sinceMillis == null ? "cumulative" : "cumulative since " + clock(sinceMillis);
    }
    return "window " + DurationText.format(view.window()) + ", sliding " + DurationText.format(view.slide());
  }

  public static String clock(long epochMillis) {
    return CLOCK.format(Instant.ofEpochMilli(epochMillis));
  }

  public static List<AttributedString> lines(Snapshot snapshot) {
    TrafficStats t = snapshot.traffic();
    var out = new java.util.ArrayList<AttributedString>();
    out.add(new AttributedStringBuilder()
        .style(HEADING).append("── ").append(CLOCK.format(snapshot.time()))
        .style(AttributedStyle.DEFAULT)
        .append("  ").append(describeView(snapshot.view(), t.sinceMillis()))
        .append("  ·  source ").append(SourceText.describe(snapshot.source()))
        .toAttributedString());
    if (snapshot.filter() != null) {
      // Right under the heading: every figure below is of matching lines only.
      out.add(new AttributedStringBuilder().style(HEADING)
          .append(FilterText.describe(snapshot.filter(), FILTER_WIDTH)).toAttributedString());
    }
    out.add(new AttributedStringBuilder()
        .append("requests ").style(HEADING).append(Numbers.count(t.requests())).style(AttributedStyle.DEFAULT)
        .append(" (").append(Numbers.rate(snapshot.requestsPerSecond())).append("/s)")
        .append("   malformed ").append(Numbers.count(t.malformed()))
        .append(t.oversized() > 0 ? " (" + Numbers.count(t.oversized()) + " oversized)" : "")
        .append("   bytes avg ").append(t.bytes().avg() == null ? "-" : Numbers.count(Math.round(t.bytes().avg())))
        .append(" min ").append(Numbers.count(t.bytes().min()))
        .append(" max ").append(Numbers.count(t.bytes().max()))
        .append(" sum ").append(Numbers.count(t.bytes().sum()))
        .style(WARN).append(FlowText.shed(snapshot) == null ? "" : "   " + FlowText.shed(snapshot))
        .toAttributedString());
    AttributedStringBuilder figures = new AttributedStringBuilder();
    for (Statistic.Figure figure : figures(t)) {
      figures.append(figures.length() == 0 ? "" : "   ").append(figure.label()).append(" ")
          .style(HEADING).append(figure.value()).style(AttributedStyle.DEFAULT);
    }
    if (figures.length() > 0) {
      out.add(figures.toAttributedString());
    }
    Statistic.Figure change = ChangeText.headline(snapshot.changes(), snapshot.view().mode());
    if (change != null) {
      out.add(new AttributedStringBuilder().append(change.label()).append("  ").style(HEADING)
          .append(change.value()).toAttributedString());
    }
    if (snapshot.mostlyMalformed()) {
      out.add(new AttributedStringBuilder().style(WARN).append("warning: ").append(MOSTLY_MALFORMED)
          .toAttributedString());
    }
    out.add(statusLine(t.status()));
    Comparison changes = snapshot.changes();
    out.addAll(ranked("top endpoints", t.topEndpoints(), Integer.MAX_VALUE, changes, Rankings.ENDPOINTS));
    out.addAll(ranked("top 4xx/5xx endpoints", t.topErrorEndpoints(), Integer.MAX_VALUE, changes,
        Rankings.ERROR_ENDPOINTS));
    out.addAll(ranked("clients seen more than " + Numbers.count(t.ipThreshold()) + " times",
        t.frequentIps(), Math.max(t.topEndpoints().size(), FREQUENT_IPS_SHOWN), changes, Rankings.CLIENTS));
    for (Statistic.Section section : sections(t)) {
      out.addAll(section(section, changes));
    }
    out.add(healthLine(snapshot.health()));
    return out;
  }

  /**
   * A line for each rule that fired or resolved with this batch, printed before the block (so
   * that {@code grep '^alert '} finds them); none in batches without a transition.
   */
  public static List<AttributedString> alertLines(Snapshot snapshot) {
    var out = new java.util.ArrayList<AttributedString>();
    for (AlertStatus status : snapshot.alerts()) {
      if (status.notifies()) {
        AttributedStyle style = status.state() == AlertStatus.State.FIRING ? WARN
            : AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
        out.add(new AttributedStringBuilder().style(style).append(AlertText.transition(status)).toAttributedString());
      }
    }
    return out;
  }

  /** Every statistic's headline figures, in {@link Statistics#ALL} order. */
  public static List<Statistic.Figure> figures(TrafficStats traffic) {
    List<Statistic.Figure> figures = new java.util.ArrayList<>();
    for (Statistic<?> statistic : Statistics.ALL) {
      figures.addAll(figuresOf(statistic, traffic));
    }
    return figures;
  }

  private static <R> List<Statistic.Figure> figuresOf(Statistic<R> statistic, TrafficStats traffic) {
    return statistic.figures(traffic.of(statistic));
  }

  private static List<Statistic.Section> sections(TrafficStats traffic) {
    List<Statistic.Section> sections = new java.util.ArrayList<>();
    for (Statistic<?> statistic : Statistics.ALL) {
      sections.addAll(sectionsOf(statistic, traffic));
    }
    return sections;
  }

  private static <R> List<Statistic.Section> sectionsOf(Statistic<R> statistic, TrafficStats traffic) {
    return statistic.sections(traffic.of(statistic));
  }

  /**
   * Before each ranked row: {@code +} new since the previous window, {@code ↑}/{@code ↓} a big move
   * ({@link ChangeText#glyph}).
   */
  private static String mark(Comparison changes, String ranking, int index) {
    return ranking == null ? " " : ChangeText.glyph(changes.at(ranking, index).mark());
  }

  private static List<AttributedString> section(Statistic.Section section, Comparison changes) {
    var out = new java.util.ArrayList<AttributedString>();
    var heading = new AttributedStringBuilder().style(HEADING).append(section.title());
    if (section.rows().isEmpty()) {
      heading.style(DIM).append(": ").append(section.emptyText());
    }
    out.add(heading.toAttributedString());
    int width = section.rows().stream().mapToInt(r -> r.figures().length()).max().orElse(1);
    for (int i = 0; i < section.rows().size(); i++) {
      Statistic.Section.Row row = section.rows().get(i);
      out.add(new AttributedString(mark(changes, section.ranking(), i) + " "
          + " ".repeat(width - row.figures().length()) + row.figures() + "  " + Sanitizer.fit(row.name(), 200)));
    }
    return out;
  }

  private static AttributedString statusLine(Map<String, Long> status) {
    var line = new AttributedStringBuilder().append("status  ");
    if (status.isEmpty()) {
      line.style(DIM).append("none");
    }
    status.forEach((code, count) -> line.style(styleOf(code)).append(code).style(AttributedStyle.DEFAULT)
        .append(" ").append(Numbers.count(count)).append("   "));
    return line.toAttributedString();
  }

  static AttributedStyle styleOf(String code) {
    return switch (code.charAt(0)) {
      case '2' -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case '3' -> AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
      case '4' -> AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA); // yellow fades on white
      case '5' -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
      default -> AttributedStyle.DEFAULT;
    };
  }

  /** At most {@code limit} entries; the rest are summed up in one line (JSON lists them all). */
  private static List<AttributedString> ranked(String title, List<Ranked> entries, int limit, Comparison changes,
      String ranking) {
    var out = new java.util.ArrayList<AttributedString>();
    var heading = new AttributedStringBuilder().style(HEADING).append(title);
    if (entries.isEmpty()) {
      heading.style(DIM).append(": none");
    }
    out.add(heading.toAttributedString());
    List<Ranked> shown = entries.subList(0, Math.min(limit, entries.size()));
    int width = shown.stream().mapToInt(e -> Numbers.count(e.count()).length()).max().orElse(1);
    for (int i = 0; i < shown.size(); i++) {
      Ranked entry = shown.get(i);
      String count = Numbers.count(entry.count());
      out.add(new AttributedString(mark(changes, ranking, i) + " " + " ".repeat(width - count.length()) + count
          + "  " + Sanitizer.fit(entry.name(), 200)));
    }
    if (shown.size() < entries.size()) {
      out.add(new AttributedStringBuilder().style(DIM).append("  … and ")
          .append(Numbers.count(entries.size() - shown.size())).append(" more (--output json lists all)")
          .toAttributedString());
    }
    return out;
  }

  private static AttributedString healthLine(BatchHealth health) {
    var line = new AttributedStringBuilder().style(DIM)
        .append("last batch: processing ").append(Numbers.millis(health.processingMillis()))
        .append(", scheduling delay ").append(Numbers.millis(health.schedulingDelayMillis()));
    String throttled = FlowText.throttled(health);
    if (throttled != null) {
      line.append("   ").style(WARN).append(throttled);
    }
    return line.toAttributedString();
  }
}
