package logmon.core.alert;

import java.util.Map;

/**
 * What a rule can watch, each in one unit: shares in percent, response times in milliseconds,
 * the rate in requests per second, the lag in seconds, requests as a count. A threshold written in
 * another unit of the same kind ({@code 1.5s}, {@code 300/m}) is converted when the rule is read.
 */
public enum Metric {
  SHARE_5XX("5xx", Kind.SHARE),
  SHARE_4XX("4xx", Kind.SHARE),
  MALFORMED("malformed", Kind.SHARE),
  P50("p50", Kind.TIME),
  P90("p90", Kind.TIME),
  P99("p99", Kind.TIME),
  RATE("rate", Kind.RATE),
  LAG("lag", Kind.LAG),
  REQUESTS("requests", Kind.COUNT);

  private final String word;
  private final Kind kind;

  Metric(String word, Kind kind) {
    this.word = word;
    this.kind = kind;
  }

  public String word() {
    return word;
  }

  public Kind kind() {
    return kind;
  }

  static Metric named(String word) {
    for (Metric metric : values()) {
      if (metric.word.equals(word)) {
        return metric;
      }
    }
    return null;
  }

  static String words() {
    StringBuilder all = new StringBuilder();
    for (Metric metric : values()) {
      all.append(all.length() == 0 ? "" : ", ").append(metric.word);
    }
    return all.toString();
  }

  /** A kind of figure: the units a threshold may be written in, and the factor to the metric's own unit. */
  public enum Kind {
    SHARE("%", Map.of("%", 1.0)),
    TIME("ms", Map.of("ms", 1.0, "s", 1000.0)),
    RATE("/s", Map.of("/s", 1.0, "/m", 1 / 60.0)),
    LAG("s", Map.of("s", 1.0, "ms", 0.001, "m", 60.0)),
    COUNT("", Map.of("", 1.0));

    private final String unit;
    private final Map<String, Double> units;

    Kind(String unit, Map<String, Double> units) {
      this.unit = unit;
      this.units = units;
    }

    /** The unit values are given in (JSON {@code value}, the alert bar). */
    public String unit() {
      return unit;
    }

    Double factor(String written) {
      return units.get(written);
    }

    String allowed() {
      return units.keySet().stream().sorted().map(u -> "'" + u + "'").reduce((a, b) -> a + " or " + b).orElse("");
    }
  }
}
