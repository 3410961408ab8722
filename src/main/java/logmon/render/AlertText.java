package logmon.render;

import java.util.List;
import java.util.Locale;
import logmon.core.alert.AlertStatus;
import logmon.core.alert.Metric;

/** Alerts as text, the same in the plain output, the dashboard's alert bar and the JSON's values. */
public final class AlertText {

  private AlertText() {}

  /** {@code 9.8%}, {@code 812 ms}, {@code 3.5/s}, {@code 42 s}, {@code 120}; {@code -} without a value. */
  public static String value(AlertStatus status) {
    Double value = status.value();
    if (value == null) {
      return "-";
    }
    Metric.Kind kind = status.rule().condition().metric().kind();
    return switch (kind) {
      case SHARE -> String.format(Locale.ROOT, "%.1f%%", value);
      case TIME -> ResponseTimesText.millis(value) + " ms";
      case RATE -> Numbers.rate(value) + "/s";
      case LAG -> Math.round(value) + " s";
      case COUNT -> Numbers.count(Math.round(value));
    };
  }

  /** The rule as written, safe for a terminal. */
  public static String rule(AlertStatus status) {
    return Sanitizer.clean(status.rule().text());
  }

  /** {@code alert firing: 5xx > 2% for 1m (now 9.8%, since 12:03:04)}: one line per transition. */
  public static String transition(AlertStatus status) {
    return "alert " + status.state().label() + ": " + rule(status) + " (now " + value(status)
        + (status.since() == null ? "" : ", since " + PlainText.clock(status.since().toEpochMilli())) + ")";
  }

  public static List<AlertStatus> firing(List<AlertStatus> alerts) {
    return alerts.stream().filter(a -> a.state() == AlertStatus.State.FIRING).toList();
  }

  /** The JSON form of a value: rounded to what the text shows, in the metric's unit. */
  static Double jsonValue(AlertStatus status) {
    return status.value() == null ? null : Math.round(status.value() * 1000) / 1000.0;
  }

  /** ResponseTimes' formatting, without reaching into core.stats from every caller. */
  private static final class ResponseTimesText {
    static String millis(double ms) {
      return logmon.core.stats.ResponseTimes.millis(ms);
    }
  }
}
