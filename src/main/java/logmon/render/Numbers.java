package logmon.render;

import java.util.Locale;

/** Exact figures for people: thousands separators, never "1.4k". */
final class Numbers {

  private Numbers() {}

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String count(Long value) {
    return value == null ? "-" : count(value.longValue());
  }

  static String rate(double value) {
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  static String millis(Long value) {
    return value == null ? "-" : count(value.longValue()) + " ms";
  }
}
