package logmon.core;

import java.time.Duration;

/** Durations as people write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class DurationText {

  private DurationText() {}

  /** @throws IllegalArgumentException with a message naming the text, if it is not a duration */
  public static Duration parse(String text) {
    String t = text.trim();
    int unitStart = 0;
    while (unitStart < t.length() && (Character.isDigit(t.charAt(unitStart)) || t.charAt(unitStart) == '-')) {
      unitStart++;
    }
    if (unitStart == 0 || unitStart == t.length()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 500ms, 30s, 5m, 1h)");
    }
    long amount;
    try {
      amount = Long.parseLong(t.substring(0, unitStart));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 500ms, 30s, 5m, 1h)");
    }
    String unit = t.substring(unitStart);
    Duration duration = switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException(
          "'" + text + "' has an unknown unit '" + unit + "' (use ms, s, m or h)");
    };
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("'" + text + "' must be longer than zero");
    }
    return duration;
  }

  /** The shortest exact form: 30s, 1500ms, 5m, 1h. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
