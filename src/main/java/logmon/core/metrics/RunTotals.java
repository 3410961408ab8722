package logmon.core.metrics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import logmon.core.BatchCount;
import logmon.core.Mode;
import logmon.core.Snapshot;
import logmon.core.TrafficStats;

/**
 * Totals since start, for counters that only ever grow. In cumulative mode they are the running
 * state's own totals, which a restart from a checkpoint restores: the counters resume where they
 * were. In window mode a window forgets, so the totals add up each batch once, the first time a
 * window holds it (every batch is in some window: a window is never shorter than its slide); a
 * window run keeps no state, so its counters start from zero at each start, which Prometheus
 * reads as a counter reset. Not thread-safe: fed by one batch at a time, read as an immutable copy.
 */
public final class RunTotals {

  /**
   * @param status requests per response code
   * @param times  requests per response-time bucket (its lowest value in µs), since start
   */
  public record Counts(SortedMap<String, Long> status, long bytes, long malformed, long shed,
      SortedMap<Long, Long> times) {
    public long requests() {
      return status.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final TreeMap<String, Long> status = new TreeMap<>();
  private long bytes;
  private long malformed;
  private long shed;
  private final TreeMap<Long, Long> times = new TreeMap<>();
  private long newestCounted = Long.MIN_VALUE;

  public Counts add(Snapshot snapshot) {
    TrafficStats traffic = snapshot.traffic();
    if (snapshot.view().mode() == Mode.CUMULATIVE) {
      status.clear();
      status.putAll(traffic.status());
      bytes = traffic.bytes().sum();
      malformed = traffic.malformed();
      shed = traffic.shed();
      // The running state's histogram since start: restored with it after a restart.
      times.clear();
      logmon.core.stats.ResponseTimes.Summary summary = traffic.of(logmon.core.stats.Statistics.RESPONSE_TIMES);
      if (summary != null) {
        times.putAll(summary.buckets());
      }
    } else {
      for (BatchCount batch : traffic.batches()) {
        if (batch.batchTimeMillis() > newestCounted) {
          batch.status().forEach((code, count) -> status.merge(code, count, Long::sum));
          bytes += batch.bytes();
          malformed += batch.malformed();
          shed += batch.shed();
          batch.times().forEach((bucket, count) -> times.merge(bucket, count, Long::sum));
          newestCounted = batch.batchTimeMillis();
        }
      }
    }
    return counts();
  }

  public Counts counts() {
    return new Counts(java.util.Collections.unmodifiableSortedMap(new TreeMap<>(status)), bytes, malformed, shed,
        java.util.Collections.unmodifiableSortedMap(new TreeMap<>(times)));
  }

  static Map<String, Long> copy(Map<String, Long> map) {
    return new TreeMap<>(map);
  }
}
