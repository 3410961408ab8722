package logmon.core.alert;

/**
 * The figures rules read, for one batch's view. Shares are null when there is nothing to share
 * (no requests; no lines for {@code malformed}); times null when the format has none; the lag
 * null before a line was counted.
 */
public record Figures(long requests, Double share5xx, Double share4xx, Double malformedShare,
    Double p50Ms, Double p90Ms, Double p99Ms, double rate, Double lagSeconds) {

  public Double value(Metric metric) {
    return switch (metric) {
      case SHARE_5XX -> share5xx;
      case SHARE_4XX -> share4xx;
      case MALFORMED -> malformedShare;
      case P50 -> p50Ms;
      case P90 -> p90Ms;
      case P99 -> p99Ms;
      case RATE -> rate;
      case LAG -> lagSeconds;
      case REQUESTS -> (double) requests;
    };
  }

  /** {@code part} of {@code whole} in percent, or null when the whole is zero. */
  static Double percent(long part, long whole) {
    return whole == 0 ? null : 100.0 * part / whole;
  }
}
