package logmon.core.alert;

/**
 * {@code metric comparison threshold}, the threshold in the metric's own unit. A metric with no
 * value (a share of no requests, p99 without response times, the lag before a line) does not hold.
 */
public record Condition(Metric metric, Comparison comparison, double threshold) {

  public boolean holds(Double value) {
    return value != null && comparison.test(value, threshold);
  }
}
