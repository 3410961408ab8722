package logmon.core.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import logmon.core.IncrementalTop;
import logmon.core.StatKey;
import logmon.core.Tally;
import logmon.core.TallyTable;
import logmon.core.format.ParsedLine;

/**
 * The {@code --top} endpoints with the longest average response time (then the most requests), with
 * their p95 and p99 over the view — the window, or everything since start.
 *
 * <p>Percentiles per endpoint come from HdrHistogram's buckets (the same {@value
 * ResponseTimes#SIGNIFICANT_DIGITS} significant digits, 1%, as {@code responseTimeMs}), kept
 * sparse: each line counts into an (endpoint, bucket) key, which windows and state merge like any
 * key, and the ranking holds each endpoint's used buckets as a small sorted map. A dense
 * HdrHistogram per endpoint would take ~31 KB whatever it holds (its whole 1 µs–1 day range);
 * DataDog's DDSketch is sparse too, with the same order of buckets at 1%, but a second sketch
 * library with other bucket edges would make an endpoint's p99 disagree with the overall one.
 * Memory: one entry per endpoint and bucket in use (an endpoint's times spread over tens of buckets).
 */
public final class SlowEndpoints extends Statistic<List<SlowEndpoints.Slow>> {

  private static final int TOTAL = 0;
  private static final int BUCKET = 1;
  /** Only its bucket arithmetic is used, which reads no counts: safe from any thread. */
  private static final org.HdrHistogram.Histogram BUCKETS =
      new org.HdrHistogram.Histogram(1, ResponseTimes.LONGEST_MICROS, ResponseTimes.SIGNIFICANT_DIGITS);

  SlowEndpoints() {}

  /** An endpoint's requests with a time: how many, their average, p95, p99 and maximum in ms. */
  public record Slow(String endpoint, long count, double avgMs, double maxMs, double p95Ms, double p99Ms)
      implements Serializable {

    /** Without percentiles (they are NaN). */
    public Slow(String endpoint, long count, double avgMs, double maxMs) {
      this(endpoint, count, avgMs, maxMs, Double.NaN, Double.NaN);
    }
  }

  static final TopN.SerializableOrder<Slow> SLOWEST_FIRST = (a, b) -> {
    int byAverage = Double.compare(b.avgMs(), a.avgMs());
    if (byAverage != 0) {
      return byAverage;
    }
    int byCount = Long.compare(b.count(), a.count());
    return byCount != 0 ? byCount : a.endpoint().compareTo(b.endpoint());
  };

  @Override
  public void tally(ParsedLine line, TallyTable table) {
    long micros = line.responseMicros();
    String endpoint = micros < 0 ? null : line.endpoint();
    if (endpoint != null) {
      table.addValue(key(TOTAL, endpoint), micros);
      long bucket = BUCKETS.lowestEquivalentValue(Math.min(micros, ResponseTimes.LONGEST_MICROS));
      table.count(key(BUCKET, bucket + ":" + endpoint));
    }
  }

  @Override
  public boolean keyPerName(int sub) {
    return true;
  }

  @Override
  public Part<List<Slow>> part(Limits limits) {
    return new Slowest(limits.top());
  }

  /**
   * An average can fall as well as rise: the top is kept from the endpoints each batch touched
   * while that provably gives the exact top, and rebuilt from the whole state when it does not
   * (a listed endpoint's average fell below one left out).
   */
  @Override
  public Running<List<Slow>> running(Limits limits) {
    return new RunningSlowest(limits.top());
  }

  @Override
  public void json(List<Slow> result, Map<String, Object> fields) {
    List<Object> list = new ArrayList<>();
    for (Slow slow : result) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("endpoint", slow.endpoint());
      json.put("count", slow.count());
      json.put("avgMs", ResponseTimes.round(slow.avgMs()));
      json.put("maxMs", ResponseTimes.round(slow.maxMs()));
      json.put("p95Ms", Double.isNaN(slow.p95Ms()) ? null : ResponseTimes.round(slow.p95Ms()));
      json.put("p99Ms", Double.isNaN(slow.p99Ms()) ? null : ResponseTimes.round(slow.p99Ms()));
      list.add(json);
    }
    fields.put("topSlowEndpoints", list);
  }

  @Override
  public List<Section> sections(List<Slow> result) {
    if (result.isEmpty()) {
      return List.of();
    }
    List<Section.Row> rows = result.stream().map(s -> new Section.Row(
        "avg " + ResponseTimes.millis(s.avgMs()) + " ms  p95 " + orDash(s.p95Ms()) + "  p99 "
            + orDash(s.p99Ms()) + "  max " + ResponseTimes.millis(s.maxMs()) + " ms  ×"
            + String.format("%,d", s.count()), s.endpoint())).toList();
    return List.of(new Section("slowest endpoints (average response time)", rows, "none", "topSlowEndpoints"));
  }

  @Override
  public Map<String, List<String>> rankings(List<Slow> result) {
    return Map.of("topSlowEndpoints", result.stream().map(Slow::endpoint).toList());
  }

  private static Slow slow(StatKey key, Tally tally) {
    return new Slow(key.name(), tally.count(), (double) tally.sum() / tally.count() / 1000.0, tally.max() / 1000.0);
  }

  /** A percentile a state saved before they were kept has none of: "-". */
  private static String orDash(double ms) {
    return Double.isNaN(ms) ? "-" : ResponseTimes.millis(ms);
  }

  private static final class Slowest implements Part<List<Slow>> {
    private static final long serialVersionUID = 1L;
    private final TopN<Slow> top;
    /** Each endpoint's used buckets: lowest value of the bucket (µs) → requests. */
    private final java.util.HashMap<String, java.util.TreeMap<Long, Long>> buckets = new java.util.HashMap<>();

    Slowest(int limit) {
      top = new TopN<>(limit, SLOWEST_FIRST);
    }

    @Override
    public void add(StatKey key, Tally tally) {
      if (key.sub() == BUCKET) {
        addBucket(buckets, key, tally.count());
        return;
      }
      top.offer(slow(key, tally));
    }

    @Override
    public void merge(Part<List<Slow>> other) {
      Slowest slowest = (Slowest) other;
      top.merge(slowest.top);
      slowest.buckets.forEach((endpoint, counts) -> {
        var mine = buckets.computeIfAbsent(endpoint, e -> new java.util.TreeMap<>());
        counts.forEach((bucket, count) -> mine.merge(bucket, count, Long::sum));
      });
    }

    @Override
    public List<Slow> result() {
      return withPercentiles(top.toList(), buckets);
    }
  }

  /** Counts a bucket key's requests into its endpoint's buckets ({@code add}: sum; else: set). */
  private static void putBucket(java.util.HashMap<String, java.util.TreeMap<Long, Long>> buckets, StatKey key,
      long count, boolean add) {
    String name = key.name();
    int colon = name.indexOf(':');
    var counts = buckets.computeIfAbsent(name.substring(colon + 1), e -> new java.util.TreeMap<>());
    long bucket = Long.parseLong(name.substring(0, colon));
    if (add) {
      counts.merge(bucket, count, Long::sum);
    } else {
      counts.put(bucket, count);
    }
  }

  private static void addBucket(java.util.HashMap<String, java.util.TreeMap<Long, Long>> buckets, StatKey key,
      long count) {
    putBucket(buckets, key, count, true);
  }

  private static List<Slow> withPercentiles(List<Slow> top, Map<String, java.util.TreeMap<Long, Long>> buckets) {
    return top.stream().map(s -> {
      var counts = buckets.get(s.endpoint());
      return counts == null || counts.isEmpty() ? s : new Slow(s.endpoint(), s.count(), s.avgMs(), s.maxMs(),
          percentile(counts, 95, s.maxMs()), percentile(counts, 99, s.maxMs()));
    }).toList();
  }

  /**
   * As HdrHistogram's getValueAtPercentile reads it — the first bucket whose running count
   * reaches the percentile's share, rounded — and its middle value, never above the exact maximum.
   */
  private static double percentile(java.util.TreeMap<Long, Long> counts, double percent, double maxMs) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long wanted = Math.max(1, (long) (percent / 100.0 * total + 0.5));
    long running = 0;
    for (var entry : counts.entrySet()) {
      running += entry.getValue();
      if (running >= wanted) {
        return Math.min(BUCKETS.medianEquivalentValue(entry.getKey()) / 1000.0, maxMs);
      }
    }
    return maxMs;
  }

  private static final class RunningSlowest implements Running<List<Slow>> {
    private static final long serialVersionUID = 1L;
    private final IncrementalTop<Slow> top;
    /** Each endpoint's used buckets, their latest totals: a state change sets, never adds. */
    private final java.util.HashMap<String, java.util.TreeMap<Long, Long>> buckets = new java.util.HashMap<>();

    RunningSlowest(int limit) {
      top = new IncrementalTop<>(limit, (a, b) -> SLOWEST_FIRST.compare(a, b), Slow::endpoint);
    }

    @Override
    public void update(StatKey key, Tally total, boolean fresh) {
      if (key.sub() == BUCKET) {
        putBucket(buckets, key, total.count(), false);
        return;
      }
      top.update(slow(key, total));
    }

    @Override
    public void forget(StatKey key, Tally last) {
      if (key.sub() == BUCKET) {
        String name = key.name();
        int colon = name.indexOf(':');
        var counts = buckets.get(name.substring(colon + 1));
        if (counts != null) {
          counts.remove(Long.parseLong(name.substring(0, colon)));
          if (counts.isEmpty()) {
            buckets.remove(name.substring(colon + 1));
          }
        }
        return;
      }
      top.forget(key.name());
    }

    @Override
    public void merge(Running<List<Slow>> other) {
      RunningSlowest slowest = (RunningSlowest) other;
      top.merge(slowest.top);
      slowest.buckets.forEach((endpoint, counts) ->
          buckets.computeIfAbsent(endpoint, e -> new java.util.TreeMap<>()).putAll(counts));
    }

    @Override
    public boolean exact() {
      return top.exact();
    }

    @Override
    public List<Slow> result() {
      return withPercentiles(top.toList(), buckets);
    }
  }
}
