package logmon.core.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;
import org.HdrHistogram.Histogram;

/**
 * Time taken to serve requests, where the format says it ({@code %D}, {@code $request_time} …):
 * average and maximum exactly, percentiles from an HdrHistogram. Each line counts into its
 * histogram bucket, and the buckets are keys like any other, so a window or the running state
 * merges them by key; the driver rebuilds the histogram from the few hundred buckets in use.
 * Percentiles are within the histogram's precision: {@value #SIGNIFICANT_DIGITS} significant
 * digits, 1% of the value.
 */
public final class ResponseTimes extends Statistic<ResponseTimes.Summary> {

  public static final int SIGNIFICANT_DIGITS = 2;
  /** A day, in microseconds: longer times count as a day. */
  static final long LONGEST_MICROS = 86_400_000_000L;

  private static final int TOTAL = 0;
  private static final int BUCKET = 1;
  /** Only its bucket arithmetic is used, which reads no counts: safe from any thread. */
  private static final Histogram BUCKETS = histogram();

  ResponseTimes() {}

  /**
   * @param count   how many requests had a time
   * @param avgMs   … and the rest in milliseconds
   * @param buckets requests per histogram bucket, by the bucket's lowest value in microseconds (the
   *                response-time histogram metric)
   */
  public record Summary(long count, double avgMs, double p50Ms, double p90Ms, double p99Ms, double maxMs,
      java.util.SortedMap<Long, Long> buckets) implements java.io.Serializable {

    /** Without buckets (renderer tests). */
    public Summary(long count, double avgMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
      this(count, avgMs, p50Ms, p90Ms, p99Ms, maxMs, java.util.Collections.emptySortedMap());
    }
  }

  /** True for a key counting the requests of one of its histogram buckets (named by its lowest value, µs). */
  public static boolean isBucket(StatKey key) {
    return key.kind() == StatKey.Kind.STATISTIC && key.statistic() == Statistics.RESPONSE_TIMES.id()
        && key.sub() == BUCKET;
  }

  /** The highest value (µs) a bucket named by its lowest value holds. */
  public static long bucketHighestMicros(long lowestMicros) {
    return BUCKETS.highestEquivalentValue(lowestMicros);
  }

  private static Histogram histogram() {
    return new Histogram(1, LONGEST_MICROS, SIGNIFICANT_DIGITS);
  }

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    long micros = line.responseMicros();
    if (micros < 0) {
      return;
    }
    micros = Math.min(micros, LONGEST_MICROS);
    table.addValue(key(TOTAL, ""), micros);
    table.count(key(BUCKET, Long.toString(BUCKETS.lowestEquivalentValue(micros))));
  }

  @Override
  public Part<Summary> part(Limits limits) {
    return new Times();
  }

  @Override
  public void json(Summary result, Map<String, Object> fields) {
    if (result == null) {
      fields.put("responseTimeMs", null);
      return;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("avg", round(result.avgMs()));
    json.put("p50", round(result.p50Ms()));
    json.put("p90", round(result.p90Ms()));
    json.put("p99", round(result.p99Ms()));
    json.put("max", round(result.maxMs()));
    json.put("count", result.count());
    fields.put("responseTimeMs", json);
  }

  @Override
  public List<Figure> figures(Summary result) {
    if (result == null) {
      return List.of();
    }
    return List.of(new Figure("response ms", "avg " + millis(result.avgMs()) + "  p50 " + millis(result.p50Ms())
        + "  p90 " + millis(result.p90Ms()) + "  p99 " + millis(result.p99Ms()) + "  max " + millis(result.maxMs())));
  }

  /** Milliseconds as people read them: 0.042, 3.1, 250, 12,500. */
  public static String millis(double ms) {
    if (ms < 1) {
      return String.format("%.3f", ms);
    }
    if (ms < 10) {
      return String.format("%.1f", ms);
    }
    return String.format("%,d", Math.round(ms));
  }

  static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  private static final class Times implements Part<Summary> {
    private static final long serialVersionUID = 1L;
    private Tally total = Tally.EMPTY;
    private Histogram histogram;

    @Override
    public void add(StatKey key, Tally tally) {
      if (key.sub() == TOTAL) {
        total = total.merge(tally);
      } else {
        if (histogram == null) {
          histogram = histogram();
        }
        histogram.recordValueWithCount(Long.parseLong(key.name()), tally.count());
      }
    }

    @Override
    public void merge(Part<Summary> other) {
      Times times = (Times) other;
      total = total.merge(times.total);
      if (times.histogram != null) {
        if (histogram == null) {
          histogram = histogram();
        }
        histogram.add(times.histogram);
      }
    }

    @Override
    public Summary result() {
      if (total.count() == 0 || histogram == null) {
        return null;
      }
      double max = total.max() / 1000.0;
      java.util.TreeMap<Long, Long> buckets = new java.util.TreeMap<>();
      histogram.recordedValues().forEach(v -> buckets.put(histogram.lowestEquivalentValue(v.getValueIteratedTo()),
          v.getCountAtValueIteratedTo()));
      return new Summary(total.count(), (double) total.sum() / total.count() / 1000.0,
          percentile(50, max), percentile(90, max), percentile(99, max), max,
          java.util.Collections.unmodifiableSortedMap(buckets));
    }

    /** The bucket's middle value (its error is half the bucket), never above the exact maximum. */
    private double percentile(double percent, double maxMs) {
      long value = histogram.getValueAtPercentile(percent);
      return Math.min(histogram.medianEquivalentValue(value) / 1000.0, maxMs);
    }
  }
}
