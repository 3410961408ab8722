package logmon.render;

import java.util.Locale;
import logmon.core.Mode;
import logmon.core.change.Comparison;
import logmon.core.change.RankChange;
import logmon.core.stats.ResponseTimes;
import logmon.core.stats.Statistic;

/** "What changed" as text, the same in the plain output and the dashboard. */
public final class ChangeText {

  private ChangeText() {}

  /**
   * The mark beside a ranking's entry: {@code +} new, {@code ↑}/{@code ↓} climbed/fell at least
   * {@value RankChange#BIG_MOVE} places, a space otherwise. A glyph, so it shows without colour.
   */
  public static String glyph(RankChange.Mark mark) {
    return switch (mark) {
      case NEW -> "+";
      case UP -> "↑";
      case DOWN -> "↓";
      case NONE -> " ";
    };
  }

  /**
   * The headline's comparison, {@code req 12,340 (+8%)  5xx 2.1% (+1.9pp)  p99 840 ms (+310 ms)},
   * labelled "vs previous window" (or "last 30s vs the 30s before" in cumulative mode); null while
   * there is no previous period.
   */
  public static Statistic.Figure headline(Comparison changes, Mode mode) {
    if (!changes.hasHeadline()) {
      return null;
    }
    String label = mode == Mode.WINDOW ? "vs previous window"
        : "last " + logmon.core.DurationText.format(changes.span()) + " vs the "
            + logmon.core.DurationText.format(changes.span()) + " before";
    StringBuilder text = new StringBuilder("req ").append(Numbers.count(changes.now().requests())).append(" (")
        .append(changes.requestsChangePercent() == null ? "was 0"
            : String.format(Locale.ROOT, "%+.0f%%", changes.requestsChangePercent()))
        .append(")");
    if (changes.now().percent5xx() != null) {
      text.append("  5xx ").append(String.format(Locale.ROOT, "%.1f%%", changes.now().percent5xx()));
      if (changes.percent5xxChangePoints() != null) {
        text.append(String.format(Locale.ROOT, " (%+.1fpp)", changes.percent5xxChangePoints()));
      }
    }
    if (changes.now().p99Ms() != null) {
      text.append("  p99 ").append(ResponseTimes.millis(changes.now().p99Ms())).append(" ms");
      Double change = changes.p99ChangeMs();
      if (change != null) {
        text.append(" (").append(change < 0 ? "-" : "+").append(ResponseTimes.millis(Math.abs(change))).append(" ms)");
      }
    }
    return new Statistic.Figure(label, text.toString());
  }
}
