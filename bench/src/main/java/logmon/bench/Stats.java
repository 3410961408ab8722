package logmon.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles and a least-squares slope, over plain lists of numbers. */
final class Stats {

  private Stats() {}

  /** The nearest-rank percentile (p in 0..100), or NaN for no values. */
  static double percentile(List<? extends Number> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  static double max(List<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
  }

  static double mean(List<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).average().orElse(Double.NaN);
  }

  /** Slope of y over x by least squares, or NaN with fewer than two distinct x. */
  static double slope(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
