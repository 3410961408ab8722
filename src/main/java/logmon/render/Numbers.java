package logmon.render;

import java.util.Locale;

/** Exact figures for people: thousands separators, never "1.4k". */
public final class Numbers {

  private Numbers() {}

  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  public static String count(Long value) {
    return value == null ? "-" : count(value.longValue());
  }

  public static String rate(double value) {
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  public static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  public static String millis(Long value) {
    return value == null ? "-" : count(value.longValue()) + " ms";
  }
}
